import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import type { Dependencies } from "../dependencies.ts";
import { folderTransport, smtpTransport } from "./mail-transport.ts";
import { createMailer } from "./mailer.ts";
import { createNoticeService } from "./notice.service.ts";
import { createUnsubscribeLinks } from "./unsubscribe.ts";

const SECRET_KEY = "notices:unsubscribe-secret";

/**
 * The key of the unsubscribe links: from SESSION_SECRET when it is set (every instance has it);
 * otherwise one made at the first start and kept in the store, so links survive restarts.
 */
async function unsubscribeSecret(deps: Dependencies): Promise<Buffer> {
  if (deps.config.sessionSecret) return createHash("sha256").update(`caseroom unsubscribe\n${deps.config.sessionSecret}`).digest();
  const stored = await deps.store.meta.get(SECRET_KEY);
  if (stored) return Buffer.from(stored, "base64");
  const made = randomBytes(32);
  await deps.store.meta.set(SECRET_KEY, made.toString("base64"));
  return made;
}

/** E-mail notices (issue #16): who hears of what, the durable outbox, and its mailer. */
export async function createNotifications(deps: Dependencies) {
  const { config } = deps;
  const unsubscribe = createUnsubscribeLinks({ baseUrl: config.baseUrl, secret: await unsubscribeSecret(deps) });
  const notices = createNoticeService({ clock: deps.clock, ids: deps.ids, baseUrl: config.baseUrl, unsubscribe });
  const outboxDir = config.mail.smtpUrl ? undefined : path.join(config.dataDir, "outbox");
  if (outboxDir && config.isProduction) deps.logger.warn({ outboxDir }, "SMTP_URL is not set: e-mail notices are written to the outbox folder and not sent");
  const transport = outboxDir ? folderTransport(outboxDir, config.mail.from) : smtpTransport(config.mail.smtpUrl ?? "", config.mail.from);
  const mailer = createMailer({ store: deps.store, clock: deps.clock, transport, logger: deps.logger, retryBaseMs: config.mail.retryBaseMs, pollMs: config.mail.pollMs });
  // The development outbox page only where the development IdP signs people in: never beside real users.
  const isOutboxPageOn = outboxDir !== undefined && !config.isProduction && deps.saml.isDevIdp;
  return { notices, unsubscribe, mailer, outboxDir, isOutboxPageOn };
}

export type Notifications = Awaited<ReturnType<typeof createNotifications>>;
