/**
 * The peer Caseroom's direction push is measured against (bench/direction-push.bench.ts): a
 * minimal Socket.IO server, the same socket.io version and settings Caseroom's socket server uses,
 * with no authentication, validation, persistence or audit. A socket joins the room named by its
 * `case` query parameter; `POST /api/cases/:caseId/directions` emits the posted JSON, as it is, to
 * that room as `direction:issued` (the benchmark posts a payload of the size Caseroom pushes) and
 * answers 201 with it.
 *
 * Run as `node --import tsx bench/collab/socketio-reference-server.ts` with PORT (and HOST).
 */
import http from "node:http";
import { Server } from "socket.io";

const PATH = /^\/api\/cases\/([A-Za-z0-9_-]{1,64})\/directions$/;
const BODY_LIMIT = 64 * 1024;

const httpServer = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/readyz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ready");
    return;
  }
  const caseId = req.method === "POST" ? PATH.exec(req.url ?? "")?.[1] : undefined;
  if (!caseId) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT) chunks.push(chunk);
  });
  req.on("end", () => {
    let payload: unknown;
    try {
      payload = size <= BODY_LIMIT ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    } catch {
      payload = undefined;
    }
    if (payload === undefined || payload === null || typeof payload !== "object") {
      res.writeHead(400).end();
      return;
    }
    io.to(caseId).emit("direction:issued", payload);
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(payload));
  });
});
httpServer.headersTimeout = 30_000;
httpServer.requestTimeout = 120_000;
httpServer.keepAliveTimeout = 5_000;

const io = new Server(httpServer, {
  path: "/socket.io/",
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 25_000,
  pingTimeout: 20_000,
  connectTimeout: 10_000,
});
io.on("connection", (socket) => {
  const room = socket.handshake.query.case;
  if (typeof room === "string" && room !== "") void socket.join(room);
});

httpServer.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");

const stop = () => {
  io.local.disconnectSockets(true);
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
