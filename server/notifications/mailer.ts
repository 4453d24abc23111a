import type { Logger } from "../logger.ts";
import type { Clock } from "../dependencies.ts";
import type { Store } from "../storage/store.ts";
import type { MailTransport } from "./mail-transport.ts";

/**
 * A send abandoned this long ago (its instance died between claiming and marking it) is tried
 * again; longer than nodemailer's own timeouts (10 minutes at most), so a slow send in progress
 * is never taken over by another instance.
 */
const SENDING_LEASE_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * The mailer (issue #16): sends what the outbox holds, oldest first, in the background. Each
 * message is claimed before it is sent (one instance sends it, whichever claims first) and marked
 * sent after; a failure waits (doubling from `retryBaseMs`, at most 15 minutes) and is tried
 * again, however long the mail server is away. A restart finds the queue where it was.
 */
export function createMailer(options: { store: Store; clock: Clock; transport: MailTransport; logger: Logger; retryBaseMs: number; pollMs: number }) {
  const { store, clock, transport, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sendDue(): Promise<number> {
    const now = clock();
    const staleBefore = new Date(now.getTime() - SENDING_LEASE_MS).toISOString();
    const due = await store.outbox.due(now.toISOString(), 50, staleBefore);
    let sent = 0;
    for (const message of due) {
      if (stopped) break;
      if (!(await store.outbox.claim(message.id, clock().toISOString(), staleBefore))) continue;
      try {
        await transport.send(message);
      } catch (error) {
        const attempts = message.attempts + 1;
        const wait = Math.min(MAX_BACKOFF_MS, options.retryBaseMs * 2 ** Math.min(attempts - 1, 20));
        const reason = error instanceof Error ? error.message.slice(0, 200) : "send failed";
        // The address and the reason, never the message: it may name a defendant.
        logger.warn({ messageId: message.id, attempts, retryInMs: wait, reason }, "e-mail not sent; will retry");
        await store.outbox.markFailed(message.id, attempts, new Date(clock().getTime() + wait).toISOString(), reason);
        continue;
      }
      // Sent: a failure to record it is the store's, not the send's; the lease retries it later,
      // with the same Message-ID, rather than marking a delivered message as failed now.
      await store.outbox.markSent(message.id, clock().toISOString());
      sent += 1;
    }
    return sent;
  }

  /** One pass at a time: a tick that finds one running waits for it. */
  function pass(): Promise<number> {
    running ??= sendDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  const tick = async () => {
    try {
      await pass();
    } catch (error) {
      // The store is away: the messages stay queued for the next tick.
      logger.warn({ err: error }, "outbox not read; will retry");
    }
    if (!stopped) timer = setTimeout(tick, options.pollMs);
  };

  return {
    start() {
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    /** Send what is due now (the next tick would anyway): after a request queues mail, and in tests. */
    flush: pass,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      transport.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
