/**
 * A test SAML 2.0 identity provider for the SP tests (security.md §1.4 harness): builds a
 * Response with one Assertion from a template, signs it the way node-saml signs (xml-crypto,
 * enveloped-signature + exc-c14n, signature placed right after the Issuer; the assertion first,
 * then the response), and applies the SAML Raider XML signature wrapping attacks (XSW1–XSW8,
 * XSW10) to a signed document. HTTP helpers that drive the SP are in `saml-flow.ts`.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SAML_FIXTURES = path.join(ROOT, "fixtures", "saml");

export const DEV_IDP_ENTITY_ID = "urn:caseroom:dev-idp";
/** TEST ONLY key of the development IdP (pinned by the SP through dev-idp.crt). */
export const DEV_IDP_KEY = fs.readFileSync(path.join(SAML_FIXTURES, "dev-idp.key"), "utf8");
export const DEV_IDP_CERT = fs.readFileSync(path.join(SAML_FIXTURES, "dev-idp.crt"), "utf8");

export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;

export const NAMEID_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
/** The identity every XSW variant tries to become (a real demo user: a Crown Court judge). */
export const XSW_NAME_ID = "hhj.morgan@judiciary.example";

export type SamlAttributes = Record<string, string | readonly string[]>;

/** Attributes the development IdP asserts for the demo users (DESIGN §6, fixtures/demo). */
export const DEMO_USERS = {
  prosecutor: {
    nameId: "pat.cole@cps.example",
    attributes: {
      email: "pat.cole@cps.example",
      displayName: "Pat Cole",
      role: "prosecutor",
      organisationId: "cps-wessex",
      organisationName: "CPS Wessex",
    },
  },
  defence: {
    nameId: "dan.reyes@reyes-law.example",
    attributes: {
      email: "dan.reyes@reyes-law.example",
      displayName: "Dan Reyes",
      role: "defence",
      organisationId: "reyes-law",
      organisationName: "Reyes Law LLP",
    },
  },
  legalAdviser: {
    nameId: "lee.adams@court.example",
    attributes: {
      email: "lee.adams@court.example",
      displayName: "Lee Adams",
      role: "legal-adviser",
      organisationId: "hmcts-wessex",
      organisationName: "HMCTS Wessex",
      courts: ["KBMC01", "AVMC01"],
    },
  },
  judge: {
    nameId: XSW_NAME_ID,
    attributes: {
      email: XSW_NAME_ID,
      displayName: "HHJ Morgan",
      role: "judge",
      organisationId: "hmcts-wessex",
      organisationName: "HMCTS Wessex",
      courts: ["CBCC01"],
    },
  },
} as const satisfies Record<string, { nameId: string; attributes: SamlAttributes }>;

export type ResponseOptions = {
  /** NameID text (escaped). Default: the prosecutor demo user. */
  nameId?: string;
  /** Raw XML content of the NameID element, used as is instead of `nameId` (comment injection). */
  nameIdXml?: string;
  nameIdFormat?: string;
  attributes?: SamlAttributes;
  /** Issuer of both the Response and the Assertion. Default: the development IdP. */
  issuer?: string;
  /** Overrides `issuer` for the Response only; `null` leaves the Response Issuer out. */
  responseIssuer?: string | null;
  /** Overrides `issuer` for the Assertion only. */
  assertionIssuer?: string;
  /** Conditions/AudienceRestriction/Audience; omitted when undefined. */
  audience?: string;
  /** Bearer SubjectConfirmationData/@Recipient; omitted when undefined. */
  recipient?: string;
  /** Response/@Destination; omitted when undefined. */
  destination?: string;
  /** Response/@InResponseTo, and SubjectConfirmationData/@InResponseTo unless overridden. */
  inResponseTo?: string;
  /** SubjectConfirmationData/@InResponseTo; `null` leaves it out. Default: `inResponseTo`. */
  subjectInResponseTo?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** SubjectConfirmationData/@NotOnOrAfter. Default: `notOnOrAfter`. */
  subjectNotOnOrAfter?: Date;
  /** IssueInstant of the Response and the Assertion. Default: now. */
  issueInstant?: Date;
  authnInstant?: Date;
  sessionNotOnOrAfter?: Date;
  assertionId?: string;
  responseId?: string;
  statusCode?: string;
};

export function newId(): string {
  return `_${randomBytes(20).toString("hex")}`;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function attr(name: string, value: string | undefined | null): string {
  return value === undefined || value === null ? "" : ` ${name}="${escapeXml(value)}"`;
}

function instant(date: Date): string {
  return date.toISOString();
}

/** A SAML 2.0 Response (unsigned) holding one Assertion, with relative times around now. */
export function buildResponse(options: ResponseOptions = {}): string {
  const now = Date.now();
  const issueInstant = options.issueInstant ?? new Date(now);
  const notBefore = options.notBefore ?? new Date(now - 30_000);
  const notOnOrAfter = options.notOnOrAfter ?? new Date(now + 5 * 60_000);
  const subjectNotOnOrAfter = options.subjectNotOnOrAfter ?? notOnOrAfter;
  const authnInstant = options.authnInstant ?? issueInstant;
  const sessionNotOnOrAfter = options.sessionNotOnOrAfter ?? new Date(now + 8 * 3600_000);
  const issuer = options.issuer ?? DEV_IDP_ENTITY_ID;
  const responseIssuer = options.responseIssuer === undefined ? issuer : options.responseIssuer;
  const assertionIssuer = options.assertionIssuer ?? issuer;
  const subjectInResponseTo = options.subjectInResponseTo === undefined ? options.inResponseTo : options.subjectInResponseTo;
  const nameIdContent = options.nameIdXml ?? escapeXml(options.nameId ?? DEMO_USERS.prosecutor.nameId);
  const attributes = options.attributes ?? DEMO_USERS.prosecutor.attributes;

  const attributeXml = Object.entries(attributes)
    .map(([name, value]) => {
      const values = typeof value === "string" ? [value] : value;
      const valueXml = values
        .map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`)
        .join("");
      return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${valueXml}</saml:Attribute>`;
    })
    .join("");

  const assertion =
    `<saml:Assertion xmlns:saml="${NS.assertion}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
    `${attr("ID", options.assertionId ?? newId())} Version="2.0"${attr("IssueInstant", instant(issueInstant))}>` +
    `<saml:Issuer>${escapeXml(assertionIssuer)}</saml:Issuer>` +
    "<saml:Subject>" +
    `<saml:NameID Format="${escapeXml(options.nameIdFormat ?? NAMEID_PERSISTENT)}">${nameIdContent}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${attr("InResponseTo", subjectInResponseTo)}${attr("NotOnOrAfter", instant(subjectNotOnOrAfter))}${attr("Recipient", options.recipient)}/>` +
    "</saml:SubjectConfirmation>" +
    "</saml:Subject>" +
    `<saml:Conditions${attr("NotBefore", instant(notBefore))}${attr("NotOnOrAfter", instant(notOnOrAfter))}>` +
    (options.audience === undefined
      ? ""
      : `<saml:AudienceRestriction><saml:Audience>${escapeXml(options.audience)}</saml:Audience></saml:AudienceRestriction>`) +
    "</saml:Conditions>" +
    `<saml:AuthnStatement${attr("AuthnInstant", instant(authnInstant))}${attr("SessionNotOnOrAfter", instant(sessionNotOnOrAfter))}${attr("SessionIndex", newId())}>` +
    "<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>" +
    "</saml:AuthnStatement>" +
    (attributeXml ? `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` : "") +
    "</saml:Assertion>";

  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}"` +
    `${attr("ID", options.responseId ?? newId())} Version="2.0"${attr("IssueInstant", instant(issueInstant))}` +
    `${attr("Destination", options.destination)}${attr("InResponseTo", options.inResponseTo)}>` +
    (responseIssuer === null ? "" : `<saml:Issuer>${escapeXml(responseIssuer)}</saml:Issuer>`) +
    `<samlp:Status><samlp:StatusCode Value="${escapeXml(options.statusCode ?? "urn:oasis:names:tc:SAML:2.0:status:Success")}"/></samlp:Status>` +
    assertion +
    "</samlp:Response>"
  );
}

export type SignOptions = {
  key: string;
  cert: string;
  signAssertion: boolean;
  signResponse: boolean;
  /** Signature algorithm (RSA-SHA256 or RSA-SHA1); the digest follows it unless `digest` says otherwise. */
  algorithm?: "sha256" | "sha1";
  digest?: "sha256" | "sha1";
};

const ALGORITHMS = {
  signature: {
    sha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    sha1: "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  },
  digest: {
    sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
    sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  },
} as const;

const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/**
 * Sign the element `xpath` selects (exactly one) with an enveloped signature placed right after its
 * saml:Issuer child (node-saml `signXml`), or as its first child when it has no Issuer.
 */
export function signElement(
  xml: string,
  xpath: string,
  options: { key: string; cert: string; algorithm?: "sha256" | "sha1"; digest?: "sha256" | "sha1" },
): string {
  const algorithm = options.algorithm ?? "sha256";
  const digest = options.digest ?? algorithm;
  const sig = new SignedXml({
    privateKey: options.key,
    publicCert: options.cert,
    signatureAlgorithm: ALGORITHMS.signature[algorithm],
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({ xpath, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: ALGORITHMS.digest[digest] });
  const doc = parseXml(xml);
  const hasIssuer = selectFirstChild(selectOne(doc, xpath), NS.assertion, "Issuer") !== undefined;
  const location = hasIssuer
    ? { reference: `${xpath}/*[local-name(.)='Issuer' and namespace-uri(.)='${NS.assertion}']`, action: "after" as const }
    : { reference: xpath, action: "prepend" as const };
  sig.computeSignature(xml, { location });
  return sig.getSignedXml();
}

const RESPONSE_XPATH = `/*[local-name(.)='Response' and namespace-uri(.)='${NS.protocol}']`;

/** Sign each Assertion of the Response (by ID), then the Response itself, as the flags say. */
export function signResponse(xml: string, options: SignOptions): string {
  let signed = xml;
  if (options.signAssertion) {
    const doc = parseXml(signed);
    const ids = childElements(doc.documentElement, NS.assertion, "Assertion").map((a) => a.getAttribute("ID") ?? "");
    for (const id of ids) {
      signed = signElement(signed, `${RESPONSE_XPATH}/*[local-name(.)='Assertion' and @ID='${id}']`, options);
    }
  }
  if (options.signResponse) signed = signElement(signed, RESPONSE_XPATH, options);
  return signed;
}

/** Build and sign (both Response and Assertion, SHA-256) with the development IdP's key. */
export function signedResponse(options: ResponseOptions, sign: Partial<SignOptions> = {}): string {
  return signResponse(buildResponse(options), {
    key: DEV_IDP_KEY,
    cert: DEV_IDP_CERT,
    signAssertion: true,
    signResponse: true,
    ...sign,
  });
}

/** Remove every ds:Signature element. */
export function stripSignatures(xml: string): string {
  const doc = parseXml(xml);
  for (const sig of descendants(doc.documentElement, NS.dsig, "Signature")) sig.parentNode?.removeChild(sig);
  return serializeXml(doc);
}

// ---------------------------------------------------------------------------------------------
// Keys

let attackerCache: { key: string; cert: string } | undefined;

/** A throwaway RSA key pair and self-signed certificate (openssl), made once per process. */
export function attackerKeyPair(): { key: string; cert: string } {
  if (attackerCache) return attackerCache;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caseroom-saml-attacker-"));
  try {
    const keyFile = path.join(dir, "attacker.key");
    const certFile = path.join(dir, "attacker.crt");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", "2", "-subj", "/CN=Caseroom development IdP (TEST ONLY)", "-keyout", keyFile, "-out", certFile],
      { stdio: "ignore" },
    );
    attackerCache = { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8") };
    return attackerCache;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// DOM helpers

export function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

function isElement(node: Node | null | undefined): node is Element {
  return node !== null && node !== undefined && node.nodeType === 1;
}

export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.namespaceURI === ns && child.localName === localName) out.push(child);
  }
  return out;
}

function selectFirstChild(parent: Node, ns: string, localName: string): Element | undefined {
  return childElements(parent, ns, localName)[0];
}

export function descendants(root: Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

/** Tiny evaluator for the absolute xpaths this file builds (`/*[…]/*[…]`), enough for signing. */
function selectOne(doc: Document, xpath: string): Element {
  const steps = xpath.split(/\/(?=\*\[)/).filter((s) => s !== "");
  let current: Node[] = [doc];
  for (const step of steps) {
    const local = /local-name\(\.?\)\s*=\s*'([^']+)'/.exec(step)?.[1];
    const id = /@ID\s*=\s*'([^']+)'/.exec(step)?.[1];
    const next: Node[] = [];
    for (const node of current) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (!isElement(child)) continue;
        if (local && child.localName !== local) continue;
        if (id && child.getAttribute("ID") !== id) continue;
        next.push(child);
      }
    }
    current = next;
  }
  const found = current[0];
  if (current.length !== 1 || !isElement(found)) throw new Error(`xpath ${xpath} matched ${current.length} elements`);
  return found;
}

function responseOf(doc: Document): Element {
  const response = doc.documentElement;
  if (response.localName !== "Response") throw new Error("not a SAML Response");
  return response;
}

function firstAssertion(doc: Document): Element {
  const assertion = descendants(doc.documentElement, NS.assertion, "Assertion")[0];
  if (!assertion) throw new Error("no Assertion");
  return assertion;
}

function directSignature(el: Element): Element {
  const sig = childElements(el, NS.dsig, "Signature")[0];
  if (!sig) throw new Error(`no Signature child of ${el.localName}`);
  return sig;
}

/**
 * SAML Raider's match-and-replace: every text node under `el` equal to the NameID found in `el`
 * becomes `evil` (so the NameID, and the email attribute when it equals the NameID).
 */
export function makeEvil(el: Element, evil = XSW_NAME_ID): void {
  const nameId = descendants(el, NS.assertion, "NameID")[0];
  const original = nameId?.textContent ?? "";
  if (!original) throw new Error("no NameID to replace");
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (isElement(child)) visit(child);
      else if (child.nodeType === 3 && child.nodeValue === original) {
        // xmldom 0.8 serializes `data`; keep `nodeValue` in step with it.
        (child as Text).data = evil;
        child.nodeValue = evil;
      }
    }
  };
  visit(el);
}

// ---------------------------------------------------------------------------------------------
// XML signature wrapping (SAML Raider XSWHelpers, from Somorovsky et al. 2012). Each mutates a
// signed Response document so that the copy that is not covered by a signature names XSW_NAME_ID.

export type XswTransform = (doc: Document) => void;

/** XSW1: clone the Response into its own Signature; the outer (evil) Response gets a new ID. */
export const xsw1: XswTransform = (doc) => {
  const response = responseOf(doc);
  const clone = response.cloneNode(true) as Element;
  makeEvil(response);
  const clonedSignature = directSignature(clone);
  clone.removeChild(clonedSignature);
  directSignature(response).appendChild(clone);
  response.setAttribute("ID", "_evil_response_ID");
};

/** XSW2: as XSW1, but the clean clone goes just before the Signature (a detached signature). */
export const xsw2: XswTransform = (doc) => {
  const response = responseOf(doc);
  const clone = response.cloneNode(true) as Element;
  makeEvil(response);
  clone.removeChild(directSignature(clone));
  const signature = directSignature(response);
  response.insertBefore(clone, signature);
  response.setAttribute("ID", "_evil_response_ID");
};

/** XSW3: an unsigned evil copy of the Assertion, with a new ID, inserted before the signed one. */
export const xsw3: XswTransform = (doc) => {
  const assertion = firstAssertion(doc);
  const evil = assertion.cloneNode(true) as Element;
  makeEvil(evil);
  evil.setAttribute("ID", "_evil_assertion_ID");
  evil.removeChild(directSignature(evil));
  responseOf(doc).insertBefore(evil, assertion);
};

/** XSW4: the evil Assertion is appended to the Response and the signed one moved inside it. */
export const xsw4: XswTransform = (doc) => {
  const assertion = firstAssertion(doc);
  const evil = assertion.cloneNode(true) as Element;
  makeEvil(evil);
  evil.setAttribute("ID", "_evil_assertion_ID");
  evil.removeChild(directSignature(evil));
  responseOf(doc).appendChild(evil);
  evil.appendChild(assertion);
};

/** XSW5: the Assertion is modified in place (new ID) and an unsigned clean copy appended. */
export const xsw5: XswTransform = (doc) => {
  const evil = firstAssertion(doc);
  const copy = evil.cloneNode(true) as Element;
  makeEvil(evil);
  copy.removeChild(directSignature(copy));
  responseOf(doc).appendChild(copy);
  evil.setAttribute("ID", "_evil_assertion_ID");
};

/** XSW6: as XSW5, but the clean copy goes inside the original assertion Signature. */
export const xsw6: XswTransform = (doc) => {
  const evil = firstAssertion(doc);
  const originalSignature = directSignature(evil);
  const copy = evil.cloneNode(true) as Element;
  makeEvil(evil);
  copy.removeChild(directSignature(copy));
  originalSignature.appendChild(copy);
  evil.setAttribute("ID", "_evil_assertion_ID");
};

/** XSW7: an Extensions element holding an unsigned evil Assertion before the signed one. */
export const xsw7: XswTransform = (doc) => {
  const assertion = firstAssertion(doc);
  const extensions = doc.createElement("Extensions");
  responseOf(doc).insertBefore(extensions, assertion);
  const evil = assertion.cloneNode(true) as Element;
  makeEvil(evil);
  evil.removeChild(directSignature(evil));
  extensions.appendChild(evil);
};

/** XSW8: the Assertion is modified in place; a clean copy goes into Signature/Object. */
export const xsw8: XswTransform = (doc) => {
  const evil = firstAssertion(doc);
  const originalSignature = directSignature(evil);
  const copy = evil.cloneNode(true) as Element;
  makeEvil(evil);
  copy.removeChild(directSignature(copy));
  const object = doc.createElement("Object");
  originalSignature.appendChild(object);
  object.appendChild(copy);
};

/**
 * XSW10 (security.md §1.4): the Response-level signature is dropped; the Assertion's signature is
 * copied under the Response (after its Issuer) with a ds:Object holding the original Assertion;
 * the Assertion in place loses its signature, gets `ffff` appended to its ID and is made evil.
 */
export const xsw10: XswTransform = (doc) => {
  const response = responseOf(doc);
  const assertion = firstAssertion(doc);
  const responseSignature = childElements(response, NS.dsig, "Signature")[0];
  if (responseSignature) response.removeChild(responseSignature);
  const assertionSignature = directSignature(assertion);
  const clonedSignature = assertionSignature.cloneNode(true) as Element;
  const issuer = selectFirstChild(response, NS.assertion, "Issuer");
  if (issuer) response.insertBefore(clonedSignature, issuer.nextSibling);
  else response.insertBefore(clonedSignature, response.firstChild);
  const object = doc.createElementNS(NS.dsig, "Object");
  clonedSignature.appendChild(object);
  object.appendChild(assertion.cloneNode(true));
  assertion.setAttribute("ID", `${assertion.getAttribute("ID") ?? ""}ffff`);
  assertion.removeChild(assertionSignature);
  makeEvil(assertion);
};

/**
 * XSW10 exactly as SAML Raider emits it: on top of `xsw10`, the Response ID and the ID of the
 * Assertion inside Object are written through DOCTYPE entities (so both look like the signed ID).
 */
export function xsw10WithDoctype(signedXml: string): string {
  const doc = parseXml(signedXml);
  const originalId = firstAssertion(doc).getAttribute("ID") ?? "";
  xsw10(doc);
  const response = responseOf(doc);
  response.setAttribute("ID", "__ID_VIA_ENTITY__");
  const objectAssertion = descendants(directSignature(response), NS.assertion, "Assertion")[0];
  objectAssertion?.setAttribute("ID", `__BYPASS__${originalId}`);
  const body = serializeXml(doc)
    .replace('"__ID_VIA_ENTITY__"', '"&idViaEntity;"')
    .replace('"__BYPASS__', '"&BypassIDUniqueness;');
  return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE response [\n<!ENTITY idViaEntity "${originalId}">\n<!ENTITY BypassIDUniqueness "&#x50;">\n]>${body}`;
}

export const XSW_VARIANTS = {
  XSW1: xsw1,
  XSW2: xsw2,
  XSW3: xsw3,
  XSW4: xsw4,
  XSW5: xsw5,
  XSW6: xsw6,
  XSW7: xsw7,
  XSW8: xsw8,
  XSW10: xsw10,
} as const satisfies Record<string, XswTransform>;

export type XswName = keyof typeof XSW_VARIANTS;

/** Parse a signed Response, apply one wrapping attack, serialize. */
export function applyXsw(signedXml: string, name: XswName): string {
  const doc = parseXml(signedXml);
  XSW_VARIANTS[name](doc);
  return serializeXml(doc);
}
