import path from "node:path";
import { z } from "zod";

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    BASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default("./data"),
    DATABASE_URL: z.string().url().optional(),
    REDIS_URL: z.string().url().optional(),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    SESSION_SECRET: z.string().min(32).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    ALLOWED_ORIGINS: z.string().optional(),
    /** Behind a TLS-terminating proxy: trust X-Forwarded-For/-Proto (default: on in production). */
    TRUST_PROXY: z.enum(["true", "false"]).optional(),
    /** Load the fictional demo data on the first start of the embedded store. */
    DEMO_DATA: z.enum(["true", "false"]).optional(),
    SAML_IDP_SSO_URL: z.string().url().optional(),
    SAML_IDP_ENTITY_ID: z.string().min(1).optional(),
    SAML_IDP_CERT_FILE: z.string().min(1).optional(),
    SAML_SP_ENTITY_ID: z.string().min(1).optional(),
    SAML_SP_KEY_FILE: z.string().min(1).optional(),
    SAML_SP_CERT_FILE: z.string().min(1).optional(),
    /** Sign-in attempts (login and ACS) per client address per minute. */
    SIGNIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
    /** Attribute names, as `key=name` pairs separated by commas, e.g. `role=urn:oid:1.2.3`. */
    SAML_ATTRIBUTE_NAMES: z.string().optional(),
    UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
    /** Collaboration messages one user may send per second across their connections (burst: four seconds' worth). */
    COLLAB_USER_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(10_000_000).optional(),
    /** E-mail notices: the SMTP server (unset: written to DATA_DIR/outbox as .eml files). */
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).optional(),
    /** First retry of a failed send, in ms; each later one waits twice as long (at most 15 min). */
    NOTICE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
    NOTICE_POLL_MS: z.coerce.number().int().min(10).max(600_000).optional(),
    /** "Due soon" notices go this many business days before a direction's due date. */
    NOTICE_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(30).optional(),
    /** The daily digest and the due-date reminders go at this hour, London time. */
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).optional(),
  })
  .strip();

export type Config = {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  env: "development" | "production" | "test";
  isProduction: boolean;
  sessionSecret: string | undefined;
  logLevel: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  loadDemoData: boolean;
  uploadLimitBytes: number;
  /** On SIGTERM, how long /readyz fails (so a load balancer stops sending work) before connections close. */
  shutdownDrainMs: number;
  signInRateLimitPerMinute: number;
  /** Collaboration messages per second per user, across their connections. */
  collabUserMessagesPerSecond: number;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    retryBaseMs: number;
    pollMs: number;
    dueSoonBusinessDays: number;
    digestHour: number;
  };
  /** Requests to /api per user (or address, signed out) per minute. */
  apiRateLimitPerMinute: number;
  saml: {
    attributeNames: SamlAttributeNames;
    idpSsoUrl: string | undefined;
    idpEntityId: string | undefined;
    idpCertFile: string | undefined;
    spEntityId: string;
    spKeyFile: string | undefined;
    spCertFile: string | undefined;
  };
};

export const SAML_ATTRIBUTE_KEYS = ["email", "displayName", "role", "organisationId", "organisationName", "courts"] as const;
export type SamlAttributeNames = Record<(typeof SAML_ATTRIBUTE_KEYS)[number], string>;

function parseAttributeNames(spec: string | undefined): SamlAttributeNames {
  const names = Object.fromEntries(SAML_ATTRIBUTE_KEYS.map((k) => [k, k])) as SamlAttributeNames;
  for (const pair of (spec ?? "").split(",").filter(Boolean)) {
    const [key, name] = pair.split("=").map((p) => p.trim());
    if (!key || !name || !(SAML_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError("Invalid configuration: SAML_ATTRIBUTE_NAMES");
    }
    names[key as keyof SamlAttributeNames] = name;
  }
  return names;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse the environment once, at start; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new ConfigError(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  if (isProduction && !e.SESSION_SECRET) throw new ConfigError("SESSION_SECRET is required in production");
  if (isProduction && !e.BASE_URL?.startsWith("https://")) throw new ConfigError("BASE_URL must be an https URL in production");
  const allowedOrigins = e.ALLOWED_ORIGINS
    ? e.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean)
    : [new URL(baseUrl).origin];
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    env: e.NODE_ENV,
    isProduction,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    allowedOrigins,
    trustProxy: e.TRUST_PROXY ? e.TRUST_PROXY === "true" : isProduction,
    loadDemoData: e.DEMO_DATA ? e.DEMO_DATA === "true" : !isProduction && !e.DATABASE_URL,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS ?? (isProduction ? 5_000 : 0),
    signInRateLimitPerMinute: e.SIGNIN_RATE_LIMIT_PER_MINUTE ?? (isProduction ? 30 : 120),
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE ?? 1200,
    collabUserMessagesPerSecond: e.COLLAB_USER_MESSAGES_PER_SECOND ?? 1000,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? `Caseroom <no-reply@${new URL(baseUrl).hostname}>`,
      retryBaseMs: e.NOTICE_RETRY_BASE_MS ?? 5_000,
      pollMs: e.NOTICE_POLL_MS ?? 1_000,
      dueSoonBusinessDays: e.NOTICE_DUE_SOON_DAYS ?? 2,
      digestHour: e.DIGEST_HOUR ?? 7,
    },
    saml: {
      attributeNames: parseAttributeNames(e.SAML_ATTRIBUTE_NAMES),
      idpSsoUrl: e.SAML_IDP_SSO_URL,
      idpEntityId: e.SAML_IDP_ENTITY_ID,
      idpCertFile: e.SAML_IDP_CERT_FILE,
      spEntityId: e.SAML_SP_ENTITY_ID ?? `${baseUrl}/auth/saml/metadata`,
      spKeyFile: e.SAML_SP_KEY_FILE,
      spCertFile: e.SAML_SP_CERT_FILE,
    },
  };
}
