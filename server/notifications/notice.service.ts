import { createHash } from "node:crypto";
import type { i18n } from "i18next";
import { londonDateTime } from "../../shared/domain/calendar.ts";
import { type Language, translator } from "../../shared/i18n/i18n.ts";
import { courtNameIn, formatLongDate } from "../../shared/i18n/language.ts";
import type { NoticeKind, OutboxMessage } from "../../shared/schemas/notification.schema.ts";
import type { User } from "../../shared/schemas/user.schema.ts";
import { loadCaseFacts } from "../cases/case.service.ts";
import type { Clock, IdSource } from "../dependencies.ts";
import type { Store } from "../storage/store.ts";
import { renderEmail } from "./email-template.ts";
import type { UnsubscribeLinks } from "./unsubscribe.ts";

/**
 * Something that happened in a case that people should hear of by e-mail. `key` names the event
 * once (a document's id, a direction's version), so however often it is announced, each
 * recipient gets one e-mail. `parties` are the parties that may see it, as the access policy
 * names them (`prosecution`, `court`, `defence:<organisation id>`); only their users hear of it.
 */
export type Notice = {
  kind: NoticeKind;
  key: string;
  caseId: string;
  parties: readonly string[];
  /** The user who made it happen hears nothing of their own act. */
  exceptUserId?: string;
  /** Path in Caseroom of the one place the e-mail links to. */
  path: string;
  subject: string;
  line: string;
  /** Values of the subject and line, in the recipient's language. */
  values: (i18n: i18n, language: Language) => Record<string, string>;
};

const COURT_ROLES = new Set(["legal-adviser", "judge", "court-staff"]);

/** Another instance put some of the held e-mails in its digest first: this one rolls back. */
class DigestOvertaken extends Error {}

/** Whether a user belongs to one of the parties, in the case's facts. */
function isOfParty(user: User, party: string, facts: { prosecutingOrganisationId: string; courtCodes: readonly string[] }): boolean {
  if (party === "prosecution") return user.role === "prosecutor" && user.organisationId === facts.prosecutingOrganisationId;
  if (party === "court") return COURT_ROLES.has(user.role) && user.courts.some((c) => facts.courtCodes.includes(c));
  if (party.startsWith("defence:")) return user.role === "defence" && user.organisationId === party.slice("defence:".length);
  return false;
}

/**
 * Queue the e-mails of a notice (issue #16), in the caller's transaction: the notice is queued if
 * and only if what it announces is committed. Each recipient's preference applies (off, at once,
 * or held for the daily digest), and each e-mail is written in the recipient's language. Sending
 * is the mailer's, later: nothing here waits on a mail server.
 */
export function createNoticeService(options: { clock: Clock; ids: IdSource; baseUrl: string; unsubscribe: UnsubscribeLinks }) {
  const { clock, ids, baseUrl, unsubscribe } = options;

  /** The case lines of every notice: URN, court, next hearing. */
  async function caseLines(tx: Store, caseId: string) {
    const record = await tx.cases.get(caseId);
    const court = record ? await tx.courts.get(record.courtCode) : undefined;
    const today = londonDateTime(clock()).date;
    const next = (await tx.hearings.listByCase(caseId))
      .filter((h) => h.date >= today)
      .sort((a, b) => `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`))[0];
    return (i18n: i18n, language: Language) => [
      i18n.t("email:caseDetails.urn", { urn: record?.urn ?? caseId }),
      i18n.t("email:caseDetails.court", { court: court ? courtNameIn(court, language) : (record?.courtCode ?? "") }),
      next ? i18n.t("email:caseDetails.nextHearing", { date: formatLongDate(next.date, language), time: next.startTime }) : i18n.t("email:caseDetails.noHearing"),
    ];
  }

  return {
    async enqueue(tx: Store, notice: Notice): Promise<number> {
      const facts = await loadCaseFacts(tx, notice.caseId);
      if (!facts) return 0;
      const record = await tx.cases.get(notice.caseId);
      // A firm hears of a case only while it represents someone in it (as the transaction sees
      // it, so not after the court ended its access mid-request); the notice of that end excepted.
      const firms = new Set(Object.values(facts.representation));
      const parties = notice.parties.filter((party) => !party.startsWith("defence:") || notice.kind === "access" || firms.has(party.slice("defence:".length)));
      const recipients = (await tx.users.list()).filter((user) => user.id !== notice.exceptUserId && parties.some((party) => isOfParty(user, party, facts)));
      const lines = await caseLines(tx, notice.caseId);
      const now = clock().toISOString();
      const messages: OutboxMessage[] = [];
      for (const user of recipients) {
        const mode = (await tx.noticePreferences.get(user.id))[notice.kind] ?? "immediately";
        if (mode === "off") continue;
        const language = (await tx.users.language(user.id)) ?? "en";
        const i18n = translator(language);
        const values = { urn: record?.urn ?? notice.caseId, ...notice.values(i18n, language) };
        const link = `${baseUrl}${notice.path}`;
        const email = renderEmail({
          i18n,
          language,
          subject: i18n.t(notice.subject, values),
          paragraphs: [i18n.t(notice.line, values)],
          caseLines: lines(i18n, language),
          link,
          unsubscribeLink: unsubscribe.linkFor(user.id, notice.kind),
        });
        const idempotencyKey = createHash("sha256").update(`${notice.kind}\n${notice.key}\n${user.id}`).digest("hex");
        messages.push({
          id: ids(),
          idempotencyKey,
          userId: user.id,
          recipient: user.email,
          kind: notice.kind,
          caseId: notice.caseId,
          subject: email.subject,
          link,
          textBody: email.text,
          htmlBody: email.html,
          status: mode === "digest" ? "held" : "pending",
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          sentAt: null,
          lastError: null,
        });
      }
      return messages.length === 0 ? 0 : tx.outbox.enqueue(messages);
    },

    /**
     * The daily digest: each user's held e-mails become one, listing each update with its link,
     * in one transaction (the digest is queued and the held ones marked together, or neither).
     */
    async sendDigests(store: Store): Promise<number> {
      const held = await store.outbox.held();
      const byUser = new Map<string, OutboxMessage[]>();
      for (const message of held) byUser.set(message.userId, [...(byUser.get(message.userId) ?? []), message]);
      const now = clock();
      const today = londonDateTime(now).date;
      let queued = 0;
      for (const [userId, items] of byUser) {
        const user = await store.users.get(userId);
        const first = items[0];
        if (!user || !first) continue;
        const language = (await store.users.language(userId)) ?? "en";
        const i18n = translator(language);
        const email = renderEmail({
          i18n,
          language,
          subject: i18n.t("email:subjects.digest", { date: formatLongDate(today, language) }),
          paragraphs: [i18n.t("email:lines.digest", { count: items.length })],
          items: items.map((m) => ({ subject: m.subject, link: m.link })),
          caseLines: [],
          link: `${baseUrl}/cases`,
          // A digest gathers several kinds: its "stop" link is the settings page, where each is chosen.
          unsubscribeLink: `${baseUrl}/account/notifications`,
        });
        const made = store.transaction(async (tx) => {
          // Marked first: if another instance's digest took any of them meanwhile, this one is not sent.
          if ((await tx.outbox.markDigested(items.map((m) => m.id), now.toISOString())) < items.length) throw new DigestOvertaken();
          queued += await tx.outbox.enqueue([
            {
              id: ids(),
              idempotencyKey: createHash("sha256").update(`digest\n${userId}\n${today}\n${items.map((m) => m.id).join(",")}`).digest("hex"),
              userId,
              recipient: user.email,
              kind: first.kind,
              caseId: null,
              subject: email.subject,
              link: `${baseUrl}/cases`,
              textBody: email.text,
              htmlBody: email.html,
              status: "pending",
              attempts: 0,
              nextAttemptAt: now.toISOString(),
              createdAt: now.toISOString(),
              sentAt: null,
              lastError: null,
            },
          ]);
        });
        await made.catch((error: unknown) => {
          if (!(error instanceof DigestOvertaken)) throw error;
        });
      }
      return queued;
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
