/**
 * Hocuspocus as the collaboration benchmark runs it: `PORT` (loopback), and `SQLITE_FILE` to add
 * the SQLite extension (otherwise no extensions). Quiet, no hooks, default document options.
 * Connections are handed to `Hocuspocus.handleConnection` from the project's `ws` server (the
 * documented integration for custom servers), so every target uses the same WebSocket library;
 * Hocuspocus' own `Server` wraps crossws, which bundles its own copy of ws.
 */
import http from "node:http";
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? "0");
const sqliteFile = process.env.SQLITE_FILE;
const hocuspocus = new Hocuspocus({ quiet: true, extensions: sqliteFile ? [new SQLite({ database: sqliteFile })] : [] });

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("okay");
});
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    const connection = hocuspocus.handleConnection(ws as never, request as never);
    ws.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    ws.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
    ws.on("error", () => ws.terminate());
  });
});
server.listen(port, "127.0.0.1");

const stop = () => {
  hocuspocus.closeConnections();
  hocuspocus.flushPendingStores();
  server.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
