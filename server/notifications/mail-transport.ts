import fs from "node:fs";
import path from "node:path";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type StreamTransport from "nodemailer/lib/stream-transport";
import type { OutboxMessage } from "../../shared/schemas/notification.schema.ts";

/** Where queued e-mails go: an SMTP server, or (the embedded default) `.eml` files in a folder. */
export type MailTransport = { send(message: OutboxMessage): Promise<void>; close(): void };

/** The message as nodemailer builds it; its Message-ID comes from the idempotency key, so a receiver can tell a repeat. */
function mailOf(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.recipient,
    subject: message.subject,
    text: message.textBody,
    html: message.htmlBody,
    messageId: `<${message.idempotencyKey}@caseroom>`,
    date: new Date(message.createdAt),
  };
}

/**
 * A nodemailer transporter made when the first e-mail is sent: nodemailer is loaded then, not at
 * start (most starts send nothing straight away, and loading it is a tenth of start-up).
 */
function lazyTransporter<T extends Transporter>(make: (nodemailer: (typeof import("nodemailer"))["default"]) => T) {
  let made: Promise<T> | undefined;
  return {
    get: () => {
      made ??= import("nodemailer").then((module) => make(module.default));
      return made;
    },
    close: () => void made?.then((transporter) => transporter.close(), () => undefined),
  };
}

/**
 * Send through SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example:587`; timeouts as URL
 * parameters, e.g. `?connectionTimeout=10000`).
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = lazyTransporter<Transporter<SMTPTransport.SentMessageInfo>>((nodemailer) => nodemailer.createTransport(url));
  return {
    async send(message) {
      await (await transporter.get()).sendMail(mailOf(message, from));
    },
    close: transporter.close,
  };
}

/**
 * Write each e-mail to `<dir>/<message id>.eml`: written to a temporary name and renamed, so a
 * file is whole or absent, and writing the same message again replaces it rather than adding one.
 */
export function folderTransport(dir: string, from: string): MailTransport {
  const transporter = lazyTransporter<Transporter<StreamTransport.SentMessageInfo>>((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );
  return {
    async send(message) {
      const info = await (await transporter.get()).sendMail(mailOf(message, from));
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${message.id}.eml`);
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(temporary, info.message as Buffer);
      await fs.promises.rename(temporary, file);
    },
    close: transporter.close,
  };
}
