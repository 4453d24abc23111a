import { SMTPServer } from "smtp-server";
import { freePort } from "./test-server.ts";

/** One e-mail as the SMTP server received it. */
export type ReceivedMail = { to: string[]; raw: string; messageId: string; subject: string };

export type TestSmtp = {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Stop accepting (the port is closed): senders see a connection refused. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
};

/** A real SMTP server on loopback (the `smtp-server` package), keeping every message it accepts. */
export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, " ").trim() ?? "";
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, messageId: header("Message-ID"), subject: header("Subject") });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server?.once("error", reject);
      server?.listen(port, "127.0.0.1", () => resolve());
    });
  };
  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    start,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
