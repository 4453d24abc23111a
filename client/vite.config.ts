import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";
import { en } from "../shared/i18n/messages.en.ts";

const clientRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/client", import.meta.url));

/** Where GOV.UK Frontend's fonts and images end up in the build, served from our own origin. */
const GOVUK_ASSETS_DIR = "assets/govuk";
const GOVUK_CSS = /govuk-frontend\/dist\/govuk\/govuk-frontend\.min\.css(?:\?|$)/;

/**
 * Remove the `@media ... \0` blocks GOV.UK Frontend still ships for old Internet Explorer. They
 * are not valid CSS (Lightning CSS refuses to minify them) and modern browsers ignore them.
 */
function withoutInternetExplorerHacks(css: string): string {
  let result = "";
  let from = 0;
  for (;;) {
    const start = css.indexOf("@media", from);
    if (start === -1) break;
    const open = css.indexOf("{", start);
    if (open === -1) break;
    if (!css.slice(start, open).includes("\\0")) {
      result += css.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    let depth = 1;
    let end = open + 1;
    for (; end < css.length && depth > 0; end += 1) {
      if (css[end] === "{") depth += 1;
      else if (css[end] === "}") depth -= 1;
    }
    result += css.slice(from, start);
    from = end;
  }
  return result + css.slice(from);
}

/**
 * GOV.UK Frontend's compiled CSS refers to its fonts and images as `/assets/...`, a path only a
 * server that copies them there can answer. Rewriting the references to be relative to the CSS
 * file lets Vite resolve, fingerprint and emit them (see `assetFileNames`), so they are served
 * from our origin under `/assets/govuk/` without a CDN and without a copy step.
 */
function govukFrontendAssets(): Plugin {
  return {
    name: "caseroom:govuk-frontend-assets",
    enforce: "pre",
    transform: {
      filter: { id: GOVUK_CSS },
      handler(code) {
        const css = withoutInternetExplorerHacks(code).replaceAll("url(/assets/", "url(./assets/");
        return { code: css, map: null };
      },
    },
  };
}

/**
 * The document title before the client starts comes from the message catalogue too (DESIGN §7):
 * `index.html` holds a placeholder that is replaced here, in development and in the build.
 */
function catalogueTitle(): Plugin {
  return {
    name: "caseroom:catalogue-title",
    transformIndexHtml(html) {
      return html.replaceAll("%CASEROOM_SERVICE_NAME%", en.app.serviceName);
    },
  };
}

/** pdf.js's data files the viewer points pdf.js at (`cMapUrl`, `standardFontDataUrl`, …). */
const PDFJS_FOLDERS = ["cmaps", "standard_fonts", "wasm", "iccs"] as const;
/** Where they are served from: `/pdfjs/<folder>/<file>` (see client/modules/documents/viewer/pdfjs.ts). */
const PDFJS_BASE = "pdfjs";

function pdfjsDistDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("pdfjs-dist/package.json"));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * pdf.js fetches CMaps, standard fonts, ICC profiles and wasm decoders at run time. Rather than
 * commit copies, this emits them from `node_modules/pdfjs-dist` into the build under `/pdfjs/`
 * (and serves them from there in development), so they come from our own origin (CSP
 * `connect-src 'self'`, research/security.md §8.5).
 */
function pdfjsAssets(): Plugin {
  const dist = pdfjsDistDir();
  return {
    name: "caseroom:pdfjs-assets",
    configureServer(server) {
      server.middlewares.use(`/${PDFJS_BASE}`, (req, res, next) => {
        const relative = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname).replace(/^\/+/, "");
        const folder = relative.split("/")[0] ?? "";
        const file = path.resolve(dist, relative);
        const inside = (PDFJS_FOLDERS as readonly string[]).includes(folder) && file.startsWith(dist + path.sep);
        if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) return next();
        if (file.endsWith(".wasm")) res.setHeader("Content-Type", "application/wasm");
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        const root = path.join(dist, folder);
        // pdf.js scripting's sandbox is never enabled here, so its interpreter is left out.
        for (const file of filesUnder(root).filter((name) => !/quickjs/i.test(path.basename(name)))) {
          const relative = path.relative(root, file).split(path.sep).join("/");
          this.emitFile({
            type: "asset",
            fileName: `${PDFJS_BASE}/${folder}/${relative}`,
            source: fs.readFileSync(file),
          });
        }
      }
    },
  };
}

/** The Koa server during development (`npm start`); the client dev server forwards to it. */
const DEV_API_ORIGIN = "http://localhost:3000";

export default defineConfig({
  root: clientRoot,
  base: "/",
  publicDir: false,
  plugins: [govukFrontendAssets(), catalogueTitle(), pdfjsAssets(), solid()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    // Never inline fonts or images as data: URLs; the CSP allows only our own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        assetFileNames(asset) {
          const isGovuk = asset.originalFileNames.some((name) => name.includes("govuk-frontend/"));
          return isGovuk
            ? `${GOVUK_ASSETS_DIR}/[name]-[hash][extname]`
            : "assets/[name]-[hash][extname]";
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": DEV_API_ORIGIN,
      "/auth": DEV_API_ORIGIN,
      "/dev-idp": DEV_API_ORIGIN,
      "/collab": { target: DEV_API_ORIGIN, ws: true },
      "/socket.io": { target: DEV_API_ORIGIN, ws: true },
    },
  },
});
