import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";

export const SAML_NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
} as const;

/** Parse XML that has already passed the DOCTYPE check; throws on any parser complaint. */
export function parseXml(xml: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => problems.push(message),
      fatalError: (message: string) => problems.push(message),
    },
  }).parseFromString(xml, "text/xml");
  if (problems.length > 0 || !doc?.documentElement) throw new Error("malformed XML");
  return doc as unknown as Document;
}

/** Elements with the given namespace and local name, in document order. */
export function elements(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

/** Decode an HTTP-Redirect binding SAMLRequest (base64 of raw DEFLATE). */
export function decodeRedirectRequest(samlRequest: string): { id: string; acsUrl: string | null } {
  const xml = inflateRawSync(Buffer.from(samlRequest, "base64"), { maxOutputLength: 64 * 1024 }).toString("utf8");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error("DOCTYPE refused");
  const root = parseXml(xml).documentElement;
  const id = root.getAttribute("ID");
  if (root.localName !== "AuthnRequest" || !id) throw new Error("not an AuthnRequest");
  return { id, acsUrl: root.getAttribute("AssertionConsumerServiceURL") };
}

/** Escape text for an XML attribute or element. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
