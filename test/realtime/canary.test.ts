import { Writable } from "node:stream";
import { pino } from "pino";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import * as Y from "yjs";
import { createPdfInspector } from "../../server/documents/pdf-inspector.ts";
import { type CollabClient, openCollab, upgradeStatus } from "../helpers/collab-client.ts";
import { openSocket, type RecordingSocket } from "../helpers/socket-client.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer } from "../helpers/test-server.ts";

/**
 * The P1 canary (research/security.md §5): a defence private note and a defence team note, each
 * with a unique string, must never reach the prosecution, the other defence firm or the court,
 * on any channel: HTTP, Socket.IO, collaboration messages, exports or logs.
 */
const test = suite("P1 canary: defence work product stays with the defence");

test("private and team notes never reach another party on any channel", async () => {
  const logLines: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: "trace" }, sink);
  const server = await startTestServer({ logger, env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  const privateCanary = `PRIVATE-CANARY-${Math.random().toString(36).slice(2)}`;
  const teamCanary = `TEAM-CANARY-${Math.random().toString(36).slice(2)}`;
  const others = { pat: await signIn(server, "pat.cole@cps.example"), amy: await signIn(server, "amy.hart@hart-defence.example"), morgan: await signIn(server, "hhj.morgan@judiciary.example") };
  const dan = await signIn(server, "dan.reyes@reyes-law.example");
  const sockets: RecordingSocket[] = [];
  const collabMessages: string[] = [];
  const observers: CollabClient[] = [];
  try {
    for (const cookie of Object.values(others)) {
      const s = openSocket(server, cookie);
      await s.connected();
      sockets.push(s);
      // Each other party also sits on every shared notes doc of the case, recording raw frames.
      for (const party of ["prosecution", "court", "defence:reyes-law", "defence:hart-defence"]) {
        const o = openCollab(server, cookie, `case/case-0001/notes/shared/${party}`);
        observers.push(o);
      }
    }
    await Promise.all(observers.map((o) => o.synced()));
    for (const o of observers) o.provider.ws?.addEventListener("message", (event: { data: unknown }) => collabMessages.push(Buffer.from(event.data as ArrayBuffer).toString("latin1")));

    // Dan writes both canaries, as annotations on doc-0001 and in the notes text.
    const write = async (docName: string, canary: string) => {
      const client = openCollab(server, dan, docName);
      await client.synced();
      const before = client.saved();
      client.doc.transact(() => {
        client.doc.getText("text").insert(0, canary);
        const annotation = new Y.Map<unknown>();
        annotation.set("documentId", "doc-0001");
        annotation.set("page", 1);
        annotation.set("kind", "note");
        annotation.set("text", canary);
        annotation.set("quads", [[50, 700, 300, 720]]);
        client.doc.getMap("annotations").set(`a-${canary}`, annotation);
      });
      await eventually(() => (client.saved() > before ? true : undefined));
      client.destroy();
    };
    await write("case/case-0001/notes/private/dan.reyes@reyes-law.example", privateCanary);
    await write("case/case-0001/notes/team/defence:reyes-law", teamCanary);
    const shared = openCollab(server, dan, "case/case-0001/notes/shared/defence:reyes-law");
    await shared.synced();
    shared.doc.getText("text").insert(0, "Shared: the defence will rely on alibi evidence.");
    await eventually(() => (observers.some((o) => o.doc.getText("text").toString().includes("alibi")) ? true : undefined), 3000);
    shared.destroy();

    const leaked = (text: string) => text.includes(privateCanary) || text.includes(teamCanary);
    for (const [who, cookie] of Object.entries(others)) {
      // Their own attempts on the defence docs are refused outright.
      for (const name of ["case/case-0001/notes/private/dan.reyes@reyes-law.example", "case/case-0001/notes/team/defence:reyes-law"]) {
        assert.is(await upgradeStatus(`${server.url.replace(/^http/, "ws")}/collab/${name}`, { cookie, origin: server.origin }), 404, `${who} ${name}`);
      }
      const api = apiAs(server, cookie);
      for (const path of ["/api/cases/case-0001", "/api/cases/case-0001/documents", `/api/cases/case-0001/documents/search?q=${privateCanary}`, `/api/cases/case-0001/documents/search?q=${teamCanary}`, "/api/cases/case-0001/forms", "/api/cases/case-0001/directions"]) {
        const res = await api.get(path);
        assert.not.ok(leaked(res.text), `${who} ${path}`);
      }
      for (const path of ["/api/documents/doc-0001/notes.pdf", "/api/cases/case-0001/notes.pdf"]) {
        const exported = await fetch(`${server.url}${path}`, { headers: { cookie } });
        assert.is(exported.status, 200);
        const inspector = createPdfInspector();
        try {
          const text = (await inspector.inspect(Buffer.from(await exported.arrayBuffer()))).pageTexts.join(" ");
          assert.not.ok(leaked(text), `${who} ${path}`);
        } finally {
          await inspector.close();
        }
      }
    }
    for (const s of sockets) assert.not.ok(leaked(JSON.stringify(s.events)), "Socket.IO events");
    assert.not.ok(collabMessages.some(leaked), "collaboration frames");
    for (const o of observers) assert.not.ok(leaked(JSON.stringify(o.doc.toJSON())), "shared docs");
    assert.ok(logLines.length > 0, "the server did log");
    assert.not.ok(logLines.some(leaked), "log lines");

    // Positive control: Dan's own exports hold both.
    for (const path of ["/api/documents/doc-0001/notes.pdf", "/api/cases/case-0001/notes.pdf"]) {
      const own = await fetch(`${server.url}${path}`, { headers: { cookie: dan } });
      const inspector = createPdfInspector();
      try {
        const text = (await inspector.inspect(Buffer.from(await own.arrayBuffer()))).pageTexts.join(" ");
        assert.ok(text.includes(privateCanary) && text.includes(teamCanary), `Dan's ${path} holds his private and team notes`);
      } finally {
        await inspector.close();
      }
    }
  } finally {
    for (const s of sockets) s.close();
    for (const o of observers) o.destroy();
    await server.close();
  }
});

test.run();
