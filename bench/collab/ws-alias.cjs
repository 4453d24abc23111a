/**
 * Preloaded (`--require`) into the reference y-websocket server: y-websocket@2.1.0 ships its own
 * nested ws@6 for bin/server.cjs; this makes `require("ws")` resolve to the project's ws (the one
 * Caseroom and the Hocuspocus target use), so every target runs the same WebSocket library.
 */
const Module = require("node:module");
const path = require("node:path");

const projectWs = require.resolve("ws", { paths: [path.resolve(__dirname, "..", "..")] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "ws") return projectWs;
  return resolve.call(this, request, ...rest);
};
