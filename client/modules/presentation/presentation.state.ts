import { createEffect, createRoot, on } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { PresentationState } from "../../../shared/protocol/socket-events.ts";
import { hasMessage, type MessageKey } from "../../src/i18n.ts";
import { currentSocket, onSocketEvent, socketConnected } from "../realtime/socket.ts";

/** A presentation under way in a case (one whose `presenter` is set). */
export type ActivePresentation = PresentationState & { presenter: { userId: string; name: string }; documentId: string };

/**
 * Presenting a document in a hearing: what the server last said about each case's presentation,
 * which cases the user follows, and where this tab presents. Kept for the whole session (not only
 * while a case is open), as the server tells a newcomer about a presentation only once.
 */
const [presentations, setPresentations] = createStore<Record<string, PresentationState | undefined>>({});
const [following, setFollowing] = createStore<Record<string, boolean>>({});
/** caseId → the document this tab started presenting (the server knows the socket; we keep the tab's). */
const [presentingHere, setPresentingHere] = createStore<Record<string, string | undefined>>({});

createRoot(() => {
  onSocketEvent("presentation:state", (payload) => {
    setPresentations(payload.caseId, reconcile(payload));
    // The presentation ended: there is nothing left to follow, nor to present from here.
    if (!payload.presenter || !payload.documentId) {
      setFollowing(payload.caseId, false);
      setPresentingHere(payload.caseId, undefined);
    }
  });
  // Without a connection nobody is known to present (the server ends ours, and tells us again).
  createEffect(
    on(socketConnected, (connected) => {
      if (connected) return;
      setPresentations(reconcile({}));
      setPresentingHere(reconcile({}));
    }),
  );
});

/** The presentation under way in a case, if the user may see it; reactive. */
export function activePresentation(caseId: string): ActivePresentation | undefined {
  const state = presentations[caseId];
  if (!state?.presenter || !state.documentId) return undefined;
  return state as ActivePresentation;
}

/** Whether the user follows the case's presentation; reactive. */
export function isFollowing(caseId: string): boolean {
  return following[caseId] === true && activePresentation(caseId) !== undefined;
}

export function follow(caseId: string, value: boolean): void {
  setFollowing(caseId, value);
}

/** Whether this tab presents `documentId` in the case now; reactive. */
export function isPresentingHere(caseId: string, documentId: string, userId: string): boolean {
  const state = activePresentation(caseId);
  return presentingHere[caseId] === documentId && state?.presenter.userId === userId && state.documentId === documentId;
}

type Answer = { ok: true } | { ok: false; error: MessageKey };
const ACK_MS = 5000;

/** Emit a presentation event and wait for the server's answer, as a catalogue error on failure. */
function request(send: (ack: (result: { ok: boolean; error?: string }) => void) => void): Promise<Answer> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: "api.networkError" }), ACK_MS);
    send((result) => {
      clearTimeout(timer);
      if (result.ok) return resolve({ ok: true });
      const key = `errors:${result.error ?? "server.error"}`;
      resolve({ ok: false, error: hasMessage(key) ? key : "errors:server.error" });
    });
  });
}

/** Start presenting a document (the court takes over from whoever presents). */
export async function startPresenting(caseId: string, documentId: string): Promise<Answer> {
  const socket = currentSocket();
  if (!socket?.connected) return { ok: false, error: "api.networkError" };
  const answer = await request((ack) => socket.emit("presentation:start", { caseId, documentId }, ack));
  if (answer.ok) setPresentingHere(caseId, documentId);
  return answer;
}

export async function stopPresenting(caseId: string): Promise<Answer> {
  const socket = currentSocket();
  setPresentingHere(caseId, undefined);
  if (!socket?.connected) return { ok: true };
  return request((ack) => socket.emit("presentation:stop", { caseId }, ack));
}

/**
 * Send the presenter's page and zoom, at most once per `intervalMs` (the last value always goes).
 * Only page and zoom travel: nothing else of the presenter's viewer (their annotations) is sent.
 */
export function createMoveSender(caseId: string, intervalMs = 100) {
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { page: number; zoom: number } | undefined;
  let sent: { page: number; zoom: number } | undefined;
  const flush = () => {
    timer = undefined;
    const next = pending;
    pending = undefined;
    const socket = currentSocket();
    if (!next || !socket?.connected) return;
    if (sent && sent.page === next.page && Math.abs(sent.zoom - next.zoom) < 0.0005) return;
    sent = next;
    lastSentAt = Date.now();
    socket.emit("presentation:move", { caseId, page: next.page, zoom: Math.round(next.zoom * 1000) / 1000 }, () => undefined);
  };
  return {
    move(page: number, zoom: number) {
      pending = { page, zoom };
      if (timer) return;
      const wait = Math.max(0, lastSentAt + intervalMs - Date.now());
      if (wait === 0) flush();
      else timer = setTimeout(flush, wait);
    },
    /** Forget what was sent (a new presentation starts at the server's page 1). */
    reset() {
      sent = undefined;
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
