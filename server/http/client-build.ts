import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Newest modification time (ms) of any file under the given paths. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/**
 * Build the client with Vite when `dist/client` is missing or older than its sources
 * (client/, shared/, package-lock.json), so `npm start` always serves the current client.
 */
export async function ensureClientBuilt(options: { root: string; outDir: string; log: (msg: string) => void }) {
  const { root, outDir, log } = options;
  const sources = [path.join(root, "client"), path.join(root, "shared"), path.join(root, "package-lock.json")];
  // Vite writes index.html last, so its time is the time of the last complete build.
  const built = fs.statSync(path.join(outDir, "index.html"), { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestMtime(sources)) return;
  log("building the client");
  // In a child process: the bundler's memory goes back to the system when it is done.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--config", path.join(root, "client", "vite.config.ts"), "--logLevel", "warn"],
      { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
    );
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`client build failed (exit ${code})`))));
  });
}
