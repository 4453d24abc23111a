import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { browserSuite, openPage, signInAs } from "../helpers/browser.ts";
import { signIn } from "../helpers/sign-in.ts";

const test = browserSuite("IDPC in Chromium", { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });


/** Whether a page's canvas has been drawn with something other than blank white. */
const canvasIsPainted = (page: Page, pageNumber: number) =>
  page.evaluate((n) => {
    const canvas = document.querySelector(`.app-pdf-page[aria-label="Page ${n}"] canvas`) as HTMLCanvasElement | null;
    if (!canvas || canvas.width === 0) return false;
    const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return false;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200) return true;
    return false;
  }, pageNumber);

test("the defence opens a served document: the first page renders, later pages render as they scroll, text is found, bundles download", async ({ server, browser }) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openPage(context);
  await signInAs(page, server, "Dan Reyes", "/cases/case-0001/documents");
  await page.getByRole("link", { name: "MG5 case summary", exact: true }).click();
  await page.waitForURL(/\/cases\/case-0001\/documents\/doc-0001/);

  await page.waitForFunction(() => document.querySelector('.app-pdf-page[aria-label="Page 1"] .textLayer')?.textContent?.includes("CASE SUMMARY"));
  assert.ok(await canvasIsPainted(page, 1), "page 1 drawn");
  const textLayer = (await page.locator('.app-pdf-page[aria-label="Page 1"] .textLayer').textContent()) ?? "";
  assert.match(textLayer, /97CB0418326/);

  await page.getByLabel("Find in document").fill("Fenwick");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await page.getByText(/1 of \d+ match/).waitFor();

  await page.getByRole("group", { name: "Page 3" }).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('.app-pdf-page[aria-label="Page 3"] .textLayer')?.textContent?.includes("97CB0418326"));
  assert.ok(await canvasIsPainted(page, 3), "page 3 drawn once scrolled to");

  await page.goto(`${server.url}/cases/case-0001/documents`);
  for (const [button, extension] of [
    ["Download all as ZIP", ".zip"],
    ["Download all as one PDF", ".pdf"],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: button }).click();
    const file = await download;
    assert.ok(file.suggestedFilename().endsWith(extension), file.suggestedFilename());
    const path = await file.path();
    assert.ok(path, "saved");
  }
  assert.equal(errors, []);
  await context.close();
});

test("the other firm cannot open a document restricted to Reyes Law's client", async ({ server, browser }) => {
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await signInAs(page, server, "Amy Hart", "/cases/case-0001/documents");
  await page.getByRole("link", { name: "MG5 case summary", exact: true }).waitFor();
  assert.is(await page.getByRole("link", { name: /Fenwick/ }).count(), 0, "the restricted previous convictions are not listed");
  await context.close();
});

test("PDF-04: a served PDF carrying OpenAction JavaScript and a javascript: link runs nothing in the viewer", async ({ server, browser }) => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page1 = pdf.addPage([595, 842]);
  page1.drawText("Hostile exhibit", { x: 50, y: 780, size: 14, font });
  const action = pdf.context.obj({ Type: "Action", S: "JavaScript", JS: PDFHexString.fromText('app.alert("pwned"); this.__pwned = true;') });
  pdf.catalog.set(PDFName.of("OpenAction"), pdf.context.register(action));
  const link = pdf.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [50, 700, 300, 720],
    Border: [0, 0, 0],
    A: { Type: "Action", S: "URI", URI: PDFString.of("javascript:window.__pwned=true") },
  });
  page1.node.set(PDFName.of("Annots"), pdf.context.obj([pdf.context.register(link)]));
  const form = new FormData();
  form.append("section", "exhibits");
  form.append("title", "Hostile exhibit");
  form.append("visibility", "all");
  form.append("file", new Blob([new Uint8Array(await pdf.save())], { type: "application/pdf" }), "hostile.pdf");
  const pat = await signIn(server, "pat.cole@cps.example");
  const served = await fetch(`${server.url}/api/cases/case-0001/documents`, { method: "POST", body: form, headers: { cookie: pat, "x-requested-with": "caseroom", origin: server.origin } });
  assert.is(served.status, 201);
  const { id } = (await served.json()) as { id: string };

  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(page, server, "Dan Reyes", `/cases/case-0001/documents/${id}`);
  await page.waitForFunction(() => document.querySelector('.app-pdf-page[aria-label="Page 1"] .textLayer')?.textContent?.includes("Hostile exhibit"));
  assert.equal(dialogs, []);
  assert.is(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
  assert.is(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(errors, []);
  await context.close();
});

test.run();
