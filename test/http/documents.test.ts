import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import yauzl from "yauzl";
import { PDFDict, PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { makePdf } from "../helpers/pdf-factory.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

type Listed = { id: string; title: string; version: number; pages: number; bytes: number; sha256: string; servedAt: string; deemedServedOn: string; visibility: "all" | string[]; latest: boolean; openedByYourOrganisationAt: string | null };
type Listing = { sections: { code: string; name: string; documents: Listed[] }[] };
type ErrorBody = { error: { code: string } };

const MULTI = "case-0001"; // def-0001 (Reyes Law) and def-0002 (Hart Defence)
const USERS = { pat: "pat.cole@cps.example", dan: "dan.reyes@reyes-law.example", amy: "amy.hart@hart-defence.example", sam: "sam.ortiz@court.example" };

let now = new Date("2026-11-26T13:50:00.000Z");
const test = suite<{ server: TestServer; c: Record<keyof typeof USERS, string> }>("IDPC: serve, read, download, audit", {
  server: undefined as unknown as TestServer,
  c: {} as Record<keyof typeof USERS, string>,
});

test.before(async (context) => {
  context.server = await startTestServer({ clock: () => now, env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000", UPLOAD_LIMIT_BYTES: String(300 * 1024) } });
  for (const [key, id] of Object.entries(USERS)) context.c[key as keyof typeof USERS] = await signIn(context.server, id);
});
test.after(async ({ server }) => {
  await server.close();
});

async function serve(server: TestServer, cookie: string, fields: Record<string, string>, file: Buffer | undefined, filename = "statement.pdf") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([new Uint8Array(file)], { type: "application/pdf" }), filename);
  const res = await fetch(`${server.url}/api/cases/${MULTI}/documents`, {
    method: "POST",
    body: form,
    headers: { cookie, "x-requested-with": "caseroom", origin: server.origin },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as unknown, headers: res.headers };
}

const allDocs = (listing: unknown) => (listing as Listing).sections.flatMap((s) => s.documents);
const tempFiles = (server: TestServer) => (fs.existsSync(path.join(server.dataDir, "tmp")) ? fs.readdirSync(path.join(server.dataDir, "tmp")) : []);

test("the prosecution serves a PDF; it is listed with pages, hash, served and deemed service dates", async ({ server, c }) => {
  // Thursday 14:00 GMT, 4 hours after sign-in (sessions are kept alive by use, within 12 hours).
  now = new Date("2026-11-26T14:00:00.000Z");
  c.pat = await signIn(server, USERS.pat);
  const pdf = await makePdf({ pages: 3, text: "Statement of PC Lark about the blue holdall" });
  const res = await serve(server, c.pat, { section: "witness-statements", title: "Statement of PC Lark", visibility: "all" }, pdf);
  assert.is(res.status, 201);
  const doc = res.body as Listed;
  assert.is(doc.pages, 3);
  assert.is(doc.version, 1);
  assert.is(doc.bytes, pdf.length);
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);
  assert.is(doc.deemedServedOn, "2026-11-26");
  const listed = allDocs((await apiAs(server, c.dan).get(`/api/cases/${MULTI}/documents`)).body).find((d) => d.id === doc.id);
  assert.ok(listed, "the defence sees it");
  assert.is(listed?.openedByYourOrganisationAt, null);
  const section = ((await apiAs(server, c.dan).get(`/api/cases/${MULTI}/documents`)).body as Listing).sections.find((s) => s.code === "witness-statements");
  assert.is(section?.name, "Witness statements");
});

test("deemed service follows CrimPR r.4.11: after 14:30, on a Friday evening, before a bank holiday", async ({ server, c }) => {
  const cases: [string, string][] = [
    ["2026-11-26T14:31:00.000Z", "2026-11-27"],
    ["2026-11-27T16:00:00.000Z", "2026-11-30"],
    ["2026-12-24T15:00:00.000Z", "2026-12-29"],
    ["2026-11-28T09:00:00.000Z", "2026-11-30"],
  ];
  for (const [servedAt, expected] of cases) {
    now = new Date(servedAt);
    // The injected clock jumps days ahead: sign in again at that moment.
    const pat = await signIn(server, USERS.pat);
    const res = await serve(server, pat, { section: "exhibits", title: `Exhibit served ${servedAt}`, visibility: "all" }, await makePdf());
    assert.is(res.status, 201);
    assert.is((res.body as Listed).deemedServedOn, expected, servedAt);
  }
  now = new Date("2026-11-26T14:05:00.000Z");
  c.pat = await signIn(server, USERS.pat);
});

test("serving the same title again adds a version and the old one stays readable", async ({ server, c }) => {
  const first = (await serve(server, c.pat, { section: "key-exhibits", title: "CCTV stills", visibility: "all" }, await makePdf({ text: "first" }))).body as Listed;
  const second = (await serve(server, c.pat, { section: "key-exhibits", title: "CCTV stills", visibility: "all" }, await makePdf({ pages: 2, text: "second" }))).body as Listed;
  assert.is(second.version, 2);
  const docs = allDocs((await apiAs(server, c.sam).get(`/api/cases/${MULTI}/documents`)).body).filter((d) => d.title === "CCTV stills");
  assert.equal(docs.map((d) => [d.version, d.latest]), [[1, false], [2, true]]);
  const old = await fetch(`${server.url}/api/documents/${first.id}/content`, { headers: { cookie: c.sam } });
  assert.is(old.status, 200);
  assert.is(Buffer.from(await old.arrayBuffer()).length, first.bytes);
});

test("reading: inline PDF with safe headers, Range answers 206, and the read is audited once with the hash", async ({ server, c }) => {
  const doc = (await serve(server, c.pat, { section: "case-summary", title: 'Summary ../../etc/passwd "x"', visibility: "all" }, await makePdf({ pages: 4 }))).body as Listed;
  const full = await fetch(`${server.url}/api/documents/${doc.id}/content`, { headers: { cookie: c.dan } });
  assert.is(full.status, 200);
  assert.is(full.headers.get("content-type"), "application/pdf");
  assert.is(full.headers.get("x-content-type-options"), "nosniff");
  assert.is(full.headers.get("cache-control"), "no-store");
  assert.is(full.headers.get("accept-ranges"), "bytes");
  const inline = full.headers.get("content-disposition") ?? "";
  assert.match(inline, /^inline; filename="Summary etc passwd x\.pdf"; filename\*=UTF-8''/);
  assert.not.match(inline, /\.\.\/|\/etc/);
  assert.is((await full.arrayBuffer()).byteLength, doc.bytes);

  const part = await fetch(`${server.url}/api/documents/${doc.id}/content`, { headers: { cookie: c.dan, range: "bytes=100-199" } });
  assert.is(part.status, 206);
  assert.is(part.headers.get("content-range"), `bytes 100-199/${doc.bytes}`);
  assert.is((await part.arrayBuffer()).byteLength, 100);
  const beyond = await fetch(`${server.url}/api/documents/${doc.id}/content`, { headers: { cookie: c.dan, range: `bytes=${doc.bytes + 10}-` } });
  assert.is(beyond.status, 416);

  const download = await fetch(`${server.url}/api/documents/${doc.id}/content?download=1`, { headers: { cookie: c.dan } });
  assert.match(download.headers.get("content-disposition") ?? "", /^attachment; /);
  await download.arrayBuffer();

  const entries = (await server.deps.store.audit.list({ caseId: MULTI, limit: 10_000 })).filter((e) => e.subjectId === doc.id);
  assert.equal(entries.map((e) => e.action), ["document.served", "document.viewed", "document.downloaded"]);
  assert.ok(entries.every((e) => e.detail.sha256 === doc.sha256));
  assert.is(entries[1]?.actorOrganisationId, "reyes-law");
  const listed = allDocs((await apiAs(server, c.dan).get(`/api/cases/${MULTI}/documents`)).body).find((d) => d.id === doc.id);
  assert.ok(listed?.openedByYourOrganisationAt, "opened by Reyes Law");
  const notOpened = allDocs((await apiAs(server, c.amy).get(`/api/cases/${MULTI}/documents`)).body).find((d) => d.id === doc.id);
  assert.is(notOpened?.openedByYourOrganisationAt, null, "Hart Defence has not opened it");
});

test("a document restricted to one defendant is invisible to the other defendant's firm on every route", async ({ server, c }) => {
  const restricted = (
    await serve(server, c.pat, { section: "previous-convictions", title: "Antecedents of Fenwick", visibility: "def-0001" }, await makePdf({ text: "zanzibarquokka conviction" }))
  ).body as Listed;
  assert.equal(restricted.visibility, ["def-0001"]);
  const amyList = allDocs((await apiAs(server, c.amy).get(`/api/cases/${MULTI}/documents`)).body);
  assert.not.ok(amyList.some((d) => d.id === restricted.id));
  const amyRead = await fetch(`${server.url}/api/documents/${restricted.id}/content`, { headers: { cookie: c.amy } });
  const missing = await fetch(`${server.url}/api/documents/no-such-document/content`, { headers: { cookie: c.amy } });
  assert.is(amyRead.status, 404);
  assert.is(await amyRead.text(), await missing.text());
  assert.equal(((await apiAs(server, c.amy).get(`/api/cases/${MULTI}/documents/search?q=zanzibarquokka`)).body as { results: unknown[] }).results, []);
  const danHits = (await apiAs(server, c.dan).get(`/api/cases/${MULTI}/documents/search?q=zanzibarquokka`)).body as { results: { documentId: string; page: number; snippet: string }[] };
  assert.is(danHits.results[0]?.documentId, restricted.id);
  assert.is(danHits.results[0]?.page, 1);
  assert.match(danHits.results[0]?.snippet ?? "", /\[zanzibarquokka\]/);
  const notes = await server.deps.store.notifications.listForParty("defence:hart-defence", { caseId: MULTI });
  assert.not.ok(notes.some((n) => n.subjectId === restricted.id), "Hart Defence is not told about it");
  assert.ok((await server.deps.store.notifications.listForParty("defence:reyes-law", { caseId: MULTI })).some((n) => n.subjectId === restricted.id));
});

test("search finds words on the right page, prefix-matches the last word, and treats syntax as text", async ({ server, c }) => {
  await serve(server, c.pat, { section: "interview-transcripts", title: "Interview record", visibility: "all" }, await makePdf({ pages: 3, text: "Interview of the suspect regarding the kestrelwing van" }));
  const api = apiAs(server, c.dan);
  const hits = ((await api.get(`/api/cases/${MULTI}/documents/search?q=kestrelw`)).body as { results: { title: string; page: number }[] }).results;
  assert.equal(hits.map((h) => h.page).sort(), [1, 2, 3]);
  assert.ok(hits.every((h) => h.title === "Interview record"));
  for (const q of ['"', "NEAR(", "a OR b*", "kestrelwing)(*"]) {
    assert.is((await api.get(`/api/cases/${MULTI}/documents/search?q=${encodeURIComponent(q)}`)).status, 200, q);
  }
});

test("the ZIP bundle holds exactly the latest versions the caller may see, with an index", async ({ server, c }) => {
  const zipOf = async (cookie: string) => {
    const res = await fetch(`${server.url}/api/cases/${MULTI}/idpc.zip`, { headers: { cookie } });
    assert.is(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /attachment; filename="IDPC 97CB0418326\.zip"/);
    return readZip(Buffer.from(await res.arrayBuffer()));
  };
  const expected = async (cookie: string) => {
    const docs = allDocs((await apiAs(server, cookie).get(`/api/cases/${MULTI}/documents`)).body).filter((d) => d.latest);
    return docs.map((d) => d.sha256).sort();
  };
  for (const who of ["dan", "amy"] as const) {
    const zip = await zipOf(c[who]);
    const pdfs = [...zip.entries()].filter(([name]) => name.endsWith(".pdf"));
    assert.equal(pdfs.map(([, content]) => sha256(content)).sort(), await expected(c[who]), who);
    const index = zip.get("index.csv")?.toString("utf8") ?? "";
    assert.is(index.trim().split("\r\n").length, pdfs.length + 1);
  }
  const amyZip = await zipOf(c.amy);
  assert.not.ok([...amyZip.keys()].some((name) => /Fenwick/i.test(name)), "no restricted document for Hart Defence");
});

test("the PDF bundle: cover, index with page numbers, every visible page stamped, a bookmark each", async ({ server, c }) => {
  const res = await fetch(`${server.url}/api/cases/${MULTI}/idpc.pdf`, { headers: { cookie: c.amy } });
  assert.is(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const docs = allDocs((await apiAs(server, c.amy).get(`/api/cases/${MULTI}/documents`)).body).filter((d) => d.latest);
  const bundle = await PDFDocument.load(bytes);
  const contentPages = docs.reduce((sum, d) => sum + d.pages, 0);
  assert.is(bundle.getPageCount(), 1 + 1 + contentPages, "cover + one index page + every page");
  const inspector = createPdfInspector();
  try {
    const { pageTexts } = await inspector.inspect(bytes);
    assert.match(pageTexts[0] ?? "", /97CB0418326/);
    const index = pageTexts[1] ?? "";
    for (const d of docs) assert.ok(index.includes(d.title.slice(0, 30)), `index lists ${d.title}`);
    assert.match(index, /page 3/);
    assert.not.match(pageTexts.join(" "), /zanzibarquokka/, "no restricted content for Hart Defence");
    const total = pageTexts.length;
    for (const [i, text] of pageTexts.entries()) {
      assert.match(text, new RegExp(`97CB0418326\\W+page ${i + 1} of ${total}`), `stamp on page ${i + 1}`);
    }
  } finally {
    await inspector.close();
  }
  const outlines = bundle.catalog.lookup(PDFName.of("Outlines"), PDFDict);
  const titles: string[] = [];
  for (let item = outlines.lookupMaybe(PDFName.of("First"), PDFDict); item; item = item.lookupMaybe(PDFName.of("Next"), PDFDict)) {
    titles.push(item.lookup(PDFName.of("Title"), PDFHexString).decodeText());
  }
  assert.is(titles.length, docs.length, "a bookmark per document");
  for (const d of docs) assert.ok(titles.some((t) => t.includes(d.title)), `bookmark for ${d.title}`);
});

test("bad uploads: defence 403 before the body, HTML 415, truncated 415, oversized 413, bad fields 400; nothing kept", async ({ server, c }) => {
  const before = allDocs((await apiAs(server, c.sam).get(`/api/cases/${MULTI}/documents`)).body).length;
  const blobsBefore = fs.readdirSync(path.join(server.dataDir, "blobs"), { recursive: true }).length;
  const fields = { section: "exhibits", title: "Bad", visibility: "all" };
  const pdf = await makePdf({ pages: 2 });

  const defence = await serve(server, c.dan, fields, pdf);
  assert.is(defence.status, 403);
  const html = await serve(server, c.pat, fields, Buffer.from("<html><script>alert(1)</script></html>"), "evil.pdf");
  assert.is(html.status, 415);
  assert.is((html.body as ErrorBody).error.code, "document.not_pdf");
  const polyglot = await serve(server, c.pat, fields, Buffer.concat([Buffer.alloc(2048, 0x20), pdf]), "late-magic.pdf");
  assert.is(polyglot.status, 415, "%PDF not within the first kilobyte");
  const truncated = await serve(server, c.pat, fields, pdf.subarray(0, Math.floor(pdf.length / 3)));
  assert.is(truncated.status, 415);
  const big = await serve(server, c.pat, fields, Buffer.concat([pdf, Buffer.alloc(400 * 1024)]));
  assert.is(big.status, 413);
  assert.is((big.body as ErrorBody).error.code, "document.too_large");
  assert.is((await serve(server, c.pat, { ...fields, section: "nonsense" }, pdf)).status, 400);
  assert.is((await serve(server, c.pat, { ...fields, title: 'a"\r\nSet-Cookie: x=1' }, pdf)).status, 400);
  assert.is((await serve(server, c.pat, { ...fields, visibility: "def-9999" }, pdf)).status, 400);
  assert.is((await serve(server, c.pat, fields, undefined)).status, 400, "no file");
  const notMultipart = await fetch(`${server.url}/api/cases/${MULTI}/documents`, {
    method: "POST",
    body: new Uint8Array(pdf),
    headers: { cookie: c.pat, "x-requested-with": "caseroom", "content-type": "application/pdf" },
  });
  assert.is(notMultipart.status, 415);
  assert.is(allDocs((await apiAs(server, c.sam).get(`/api/cases/${MULTI}/documents`)).body).length, before);
  assert.equal(tempFiles(server), []);
  assert.is(fs.readdirSync(path.join(server.dataDir, "blobs"), { recursive: true }).length, blobsBefore);
  assert.is((await fetch(`${server.url}/healthz`)).status, 200, "still serving");
});

test.run();

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}
