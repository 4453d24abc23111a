import { randomBytes } from "node:crypto";
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from "@node-saml/passport-saml";
import { z } from "zod";
import { isCourtRole } from "../../shared/policy/party.ts";
import { hasControlCharacters } from "../../shared/schemas/common.schema.ts";
import { role as roleSchema, type User } from "../../shared/schemas/user.schema.ts";
import type { SamlAttributeNames } from "../config.ts";
import type { ReplayCache } from "./replay-cache.ts";
import type { SamlSettings } from "./saml-settings.ts";
import { decodeRedirectRequest, elements, parseXml, SAML_NS } from "./saml-xml.ts";

const LOGIN_TTL_MS = 10 * 60_000;
const CLOCK_SKEW_MS = 60_000;
const MAX_ASSERTION_AGE_MS = 5 * 60_000;
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

/** An instant later than now plus the accepted skew (or missing or unreadable). */
function isInFuture(instant: string | null): boolean {
  const time = instant ? Date.parse(instant) : Number.NaN;
  return Number.isNaN(time) || time > Date.now() + CLOCK_SKEW_MS;
}
const WEAK_ALGORITHMS = /xmldsig#(rsa-sha1|dsa-sha1|hmac-sha1|sha1)"/;

/** Why a sign-in was refused: `status` is what the browser gets, `reason` goes to the audit. */
export class SignInRejected extends Error {
  override name = "SignInRejected";
  constructor(
    readonly status: 400 | 401 | 403,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export type SignedInIdentity = {
  user: User;
  organisationName: string;
  /** Local path to send the browser to. */
  returnTo: string;
};

/** A path on this site, never another origin (`//host`, `/\host`, schemes); anything else is null. */
export function localPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 512) return null;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return null;
  return value;
}

const attributeValue = z.union([z.string(), z.array(z.string())]).optional();

/**
 * The SAML 2.0 service provider (DESIGN §6, research/security.md §1.3): node-saml with the secure
 * settings, plus the checks node-saml lacks (browser binding, Destination, Recipient, Issuer,
 * one-time assertion ids, DOCTYPE and SHA-1 refusal).
 */
export function createSamlService(options: {
  settings: SamlSettings;
  cache: ReplayCache;
  attributeNames: SamlAttributeNames;
}) {
  const { settings, cache, attributeNames } = options;

  const requestIds: CacheProvider = {
    async saveAsync(key, value) {
      await cache.put(`saml:request:${key}`, value, LOGIN_TTL_MS);
      return { createdAt: Date.now(), value };
    },
    getAsync: (key) => cache.get(`saml:request:${key}`),
    removeAsync: async (key) => (key === null ? null : cache.take(`saml:request:${key}`)),
  };

  const saml = new SAML({
    callbackUrl: settings.acsUrl,
    entryPoint: settings.idpSsoUrl,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    idpCert: settings.idpCerts,
    idpIssuer: settings.idpEntityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: LOGIN_TTL_MS,
    cacheProvider: requestIds,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    privateKey: settings.spPrivateKey,
    identifierFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    disableRequestedAuthnContext: true,
    authnRequestBinding: "HTTP-Redirect",
  });

  return {
    /** Start a sign-in: the IdP URL to redirect to, and the token that binds it to this browser. */
    async startLogin(returnTo: string): Promise<{ redirectUrl: string; bindingToken: string }> {
      const redirectUrl = await saml.getAuthorizeUrlAsync(returnTo, undefined, {});
      const samlRequest = new URL(redirectUrl).searchParams.get("SAMLRequest") ?? "";
      const { id } = decodeRedirectRequest(samlRequest);
      const bindingToken = randomBytes(32).toString("base64url");
      await cache.put(`saml:login:${bindingToken}`, JSON.stringify({ requestId: id, returnTo }), LOGIN_TTL_MS);
      return { redirectUrl, bindingToken };
    },

    /** Validate a posted response for the browser holding `bindingToken`. Throws SignInRejected. */
    async completeLogin(input: {
      samlResponse: unknown;
      relayState: unknown;
      bindingToken: string | undefined;
    }): Promise<SignedInIdentity> {
      if (typeof input.samlResponse !== "string" || input.samlResponse.length === 0) {
        throw new SignInRejected(400, "missing SAMLResponse");
      }
      const xml = Buffer.from(input.samlResponse, "base64").toString("utf8");
      if (!xml.trimStart().startsWith("<")) throw new SignInRejected(400, "not base64 XML");
      // Refused before any parser sees it: entity expansion and external entities.
      if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SignInRejected(400, "DOCTYPE refused");
      if (WEAK_ALGORITHMS.test(xml)) throw new SignInRejected(401, "SHA-1 refused");

      // The login must have started in this browser: its pending entry is taken exactly once.
      const pendingJson = input.bindingToken ? await cache.take(`saml:login:${input.bindingToken}`) : null;
      if (!pendingJson) throw new SignInRejected(401, "login not started in this browser");
      const pending = JSON.parse(pendingJson) as { requestId: string; returnTo: string };

      let profile: Profile | null;
      try {
        ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: input.samlResponse }));
      } catch (error) {
        throw new SignInRejected(401, shortReason(error));
      }
      if (!profile) throw new SignInRejected(401, "not a login response");

      // node-saml verified the signature of the root Response, so its attributes are authentic.
      const response = parseXml(xml).documentElement;
      if (response.getAttribute("Destination") !== settings.acsUrl) throw new SignInRejected(401, "Destination mismatch");
      const responseIssuer = elements(response, SAML_NS.assertion, "Issuer").find((e) => e.parentNode === response);
      if (responseIssuer && responseIssuer.textContent?.trim() !== settings.idpEntityId) {
        throw new SignInRejected(401, "Response Issuer mismatch");
      }
      const status = elements(response, SAML_NS.protocol, "Status").find((e) => e.parentNode === response);
      const topStatus = status && elements(status, SAML_NS.protocol, "StatusCode").find((e) => e.parentNode === status);
      if (topStatus?.getAttribute("Value") !== SUCCESS) throw new SignInRejected(401, "status not Success");
      if (isInFuture(response.getAttribute("IssueInstant"))) throw new SignInRejected(401, "issued in the future");
      if (response.getAttribute("InResponseTo") !== pending.requestId) {
        throw new SignInRejected(401, "InResponseTo not this browser's request");
      }

      // Everything else is read from the verified assertion only.
      const assertionXml = profile.getAssertionXml?.();
      if (!assertionXml) throw new SignInRejected(401, "no verified assertion");
      const assertion = parseXml(assertionXml).documentElement;
      const issuer = elements(assertion, SAML_NS.assertion, "Issuer").find((e) => e.parentNode === assertion);
      if (issuer?.textContent?.trim() !== settings.idpEntityId) throw new SignInRejected(401, "Issuer mismatch");
      const confirmations = elements(assertion, SAML_NS.assertion, "SubjectConfirmation").filter(
        (e) => e.getAttribute("Method") === BEARER,
      );
      if (confirmations.length === 0) throw new SignInRejected(401, "no bearer confirmation");
      for (const confirmation of confirmations) {
        for (const data of elements(confirmation, SAML_NS.assertion, "SubjectConfirmationData")) {
          if (data.getAttribute("Recipient") !== settings.acsUrl) throw new SignInRejected(401, "Recipient mismatch");
          if (data.getAttribute("InResponseTo") !== pending.requestId) {
            throw new SignInRejected(401, "InResponseTo not this browser's request");
          }
        }
      }
      if (isInFuture(assertion.getAttribute("IssueInstant"))) throw new SignInRejected(401, "issued in the future");
      const nameIds = elements(assertion, SAML_NS.assertion, "NameID");
      if (nameIds.length !== 1 || nameIds[0]?.getAttribute("Format") !== PERSISTENT) {
        throw new SignInRejected(401, "NameID not persistent");
      }
      const assertionId = assertion.getAttribute("ID");
      if (!assertionId) throw new SignInRejected(401, "assertion has no ID");
      const claimed = await cache.claim(`saml:assertion:${assertionId}`, MAX_ASSERTION_AGE_MS + 2 * CLOCK_SKEW_MS + LOGIN_TTL_MS);
      if (!claimed) throw new SignInRejected(401, "assertion already used");

      return {
        ...toUser(profile),
        returnTo: localPath(input.relayState) ?? localPath(pending.returnTo) ?? "/",
      };
    },

    metadata(): string {
      return saml.generateServiceProviderMetadata(null, settings.spCert ?? null);
    },
  };

  function toUser(profile: Profile): { user: User; organisationName: string } {
    const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
    const one = (key: keyof SamlAttributeNames) => {
      const parsed = attributeValue.safeParse(attributes[attributeNames[key]]);
      const value = parsed.success ? parsed.data : undefined;
      return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
    };
    const many = (key: keyof SamlAttributeNames) => {
      const parsed = attributeValue.safeParse(attributes[attributeNames[key]]);
      const value = parsed.success ? parsed.data : undefined;
      return (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
    };
    const nameId = profile.nameID;
    if (typeof nameId !== "string" || nameId.length === 0 || nameId.length > 256 || hasControlCharacters(nameId)) {
      throw new SignInRejected(401, "invalid NameID");
    }
    const role = roleSchema.safeParse(one("role"));
    if (!role.success) throw new SignInRejected(403, "no recognised role");
    const user = {
      id: nameId,
      email: one("email"),
      displayName: one("displayName"),
      role: role.data,
      organisationId: one("organisationId"),
      courts: isCourtRole(role.data) ? many("courts") : [],
    };
    const organisationName = one("organisationName") || user.organisationId;
    if (
      !z.string().email().safeParse(user.email).success ||
      !user.displayName ||
      !/^[a-z0-9][a-z0-9-]{1,62}$/.test(user.organisationId) ||
      !user.courts.every((c) => /^[A-Z0-9]{3,8}$/.test(c))
    ) {
      throw new SignInRejected(401, "invalid attributes");
    }
    return { user, organisationName };
  }
}

export type SamlService = ReturnType<typeof createSamlService>;

/** The first sentence of a node-saml error, without values: enough for the audit trail. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : "invalid response";
  return (message.split(/[.:]/)[0] ?? "invalid response").slice(0, 80);
}
