import { z } from "zod";

/** The kinds of e-mail notice (issue #16); each can be turned off or gathered into a daily digest. */
export const noticeKind = z.enum(["material-served", "direction-issued", "direction-due", "form-sign-off", "access"]);
export type NoticeKind = z.infer<typeof noticeKind>;

/** How a user receives a kind: at once, in the day's digest, or not at all. */
export const noticeMode = z.enum(["immediately", "digest", "off"]);
export type NoticeMode = z.infer<typeof noticeMode>;

/** Body of `PUT /api/me/notification-preferences`: the kinds to change. */
export const preferencesRequest = z.object({ preferences: z.partialRecord(noticeKind, noticeMode) }).strict();

/**
 * One e-mail in the durable outbox. Its idempotency key (notice and recipient) is unique, so the
 * same notice never queues twice; it is sent by whichever instance claims it first.
 * `pending` waits to be sent; `held` waits for the recipient's daily digest; `sent` went out.
 */
export type OutboxStatus = "pending" | "sending" | "held" | "sent";
export type OutboxMessage = {
  id: string;
  idempotencyKey: string;
  userId: string;
  recipient: string;
  kind: NoticeKind;
  caseId: string | null;
  subject: string;
  /** Where the e-mail's one call to action leads (also listed in a digest). */
  link: string;
  textBody: string;
  htmlBody: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
};
