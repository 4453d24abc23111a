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
  const isFresh = () => {
    const built = fs.statSync(path.join(outDir, "index.html"), { throwIfNoEntry: false });
    return built !== undefined && built.mtimeMs >= newestMtime(sources);
  };
  if (isFresh()) return;
  // Two instances started together from one checkout: one builds, the other waits for it.
  const lock = `${outDir}.build-lock`;
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) fs.rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) await build(root, log);
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function build(root: string, log: (msg: string) => void): Promise<void> {
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
