import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Redacts anything that could carry a credential or personal data; callers
 * log ids and codes, never names, assertions or case contents.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "*.SAMLResponse", "*.password", "*.email"],
      censor: "[redacted]",
    },
  });
}
