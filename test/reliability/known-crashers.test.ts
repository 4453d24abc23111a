import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { COLLAB_MESSAGE } from "../../shared/protocol/collab-protocol.ts";
import { openCollab } from "../helpers/collab-client.ts";
import { signIn } from "../helpers/sign-in.ts";
import { eventually, startTestServer, type TestServer } from "../helpers/test-server.ts";

/**
 * Inputs the fuzzing found that used to take the server down, kept as fixed cases: whatever the
 * seed of the day, these are tried every run.
 */
const test = suite<{ server: TestServer }>("known crashers", { server: undefined as unknown as TestServer });
test.before(async (context) => {
  context.server = await startTestServer({ unloadGraceMs: 50 });
});
test.after(async ({ server }) => server?.close());

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"));
const updateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

test("two well-formed updates Yjs cannot integrate together: refused, the process lives, the doc still opens", async ({ server }) => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    const pat = await signIn(server, "pat.cole@cps.example");
    const doc = "case/case-0002/notes/team/prosecution";
    const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/${doc}`, { headers: { cookie: pat, origin: server.origin } });
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    // Placeholder structs for client 12345, then an item overlapping them.
    ws.send(updateFrame(hex("0101b96000000700")));
    ws.send(updateFrame(hex("0101b960060401047465787402616200")));
    await new Promise((resolve) => setTimeout(resolve, 300));
    ws.close();
    assert.ok((await fetch(`${server.url}/healthz`)).ok, "still serving");
    // The doc opens again (from the store, after it unloaded) and takes a normal edit.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const client = openCollab(server, pat, doc);
    await client.synced();
    client.doc.getArray<string>("items").push(["after"]);
    await eventually(() => (client.saved() >= 2 ? true : undefined));
    client.destroy();
    assert.equal(rejections, [], "no unhandled rejection");
  } finally {
    process.off("unhandledRejection", onRejection);
  }
});

test.run();
