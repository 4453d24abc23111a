import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The system Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

const SIGNED_OUT_PROBES = new Set(["/api/me"]);

/**
 * A page that records console errors and uncaught page errors for the test to assert on.
 * Chromium logs every 4xx response as a console error; the one 401 it expects while signed out
 * (the client asking `/api/me` who is signed in) is matched to that response and not counted.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  let expected401s = 0;
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 401 && SIGNED_OUT_PROBES.has(new URL(response.url()).pathname)) expected401s += 1;
    else if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/status of 401/.test(text) && expected401s > 0) {
      expected401s -= 1;
      return;
    }
    errors.push(/Failed to load resource/.test(text) && failed.length ? `${text} [${failed.join(", ")}]` : text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}
