import { londonDateTime } from "../../shared/domain/calendar.ts";
import type { Clock } from "../dependencies.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../storage/store.ts";
import type { Mailer } from "./mailer.ts";
import type { NoticeService } from "./notice.service.ts";

const LAST_RUN = "notices:daily";
const CHECK_MS = 60_000;

/**
 * Once a day, from `hour` London time: the reminders of directions due soon or overdue, then each
 * user's digest of the e-mails they asked to have held. The day it last ran is kept in the store,
 * so a restart does not run it twice, and the queue's keys make a second run by another instance
 * queue nothing new.
 */
export function startDailyNotices(options: {
  store: Store;
  clock: Clock;
  logger: Logger;
  hour: number;
  dueSoonBusinessDays: number;
  notices: Pick<NoticeService, "sendDigests">;
  directions: { remind(dueSoonDays: number): Promise<number> };
  mailer: Pick<Mailer, "flush">;
}) {
  const { store, clock } = options;

  /** Reminders and digests now, whatever the time (the timer calls it when it is due). */
  async function runNow(): Promise<void> {
    await options.directions.remind(options.dueSoonBusinessDays);
    await options.notices.sendDigests(store);
    await options.mailer.flush();
  }

  async function runIfDue(): Promise<void> {
    const now = londonDateTime(clock());
    if (Number(now.time.slice(0, 2)) < options.hour || (await store.meta.get(LAST_RUN)) === now.date) return;
    await runNow();
    // Marked once it has all gone: a run cut short is run again at the next check, and the
    // queue's keys stop what was already queued from queueing twice.
    await store.meta.set(LAST_RUN, now.date);
  }

  const timer = setInterval(() => {
    runIfDue().catch((error: unknown) => options.logger.warn({ err: error }, "daily notices not sent; will retry"));
  }, CHECK_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
