import { randomBytes } from "node:crypto";
import { SignedXml } from "xml-crypto";
import type { User } from "../../shared/schemas/user.schema.ts";
import type { SamlAttributeNames } from "../config.ts";
import type { SamlSettings } from "./saml-settings.ts";
import { decodeRedirectRequest, xmlEscape } from "./saml-xml.ts";

export type DevIdpUser = User & { organisationName: string };

const RESPONSE_XPATH = "/*[local-name(.)='Response']";
const ASSERTION_XPATH = "//*[local-name(.)='Assertion']";
const TRANSFORMS = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"];

/**
 * The development IdP (DESIGN §6): answers an AuthnRequest for one of the demo users with a
 * Response and Assertion both signed with the fixture key, exactly as a real IdP would, so local
 * sign-in goes through the real SAML path. Never available in production.
 */
export function createDevIdp(options: { settings: SamlSettings; attributeNames: SamlAttributeNames }) {
  const { settings, attributeNames } = options;
  const key = settings.devIdpKey;
  if (!settings.isDevIdp || !key) throw new Error("the development IdP is not configured");

  return {
    /** Check a redirect-binding request is one of ours; returns its id. */
    readRequest(samlRequest: string): string {
      const request = decodeRedirectRequest(samlRequest);
      if (request.acsUrl !== null && request.acsUrl !== settings.acsUrl) throw new Error("unknown ACS");
      return request.id;
    },

    /** A signed, base64-encoded SAMLResponse for `user` answering request `inResponseTo`. */
    respond(user: DevIdpUser, inResponseTo: string, now = new Date()): string {
      const id = () => `_${randomBytes(16).toString("hex")}`;
      const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
      const attribute = (name: string, values: string[]) =>
        `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values
          .map((v) => `<saml:AttributeValue>${xmlEscape(v)}</saml:AttributeValue>`)
          .join("")}</saml:Attribute>`;
      const attributes = [
        attribute(attributeNames.email, [user.email]),
        attribute(attributeNames.displayName, [user.displayName]),
        attribute(attributeNames.role, [user.role]),
        attribute(attributeNames.organisationId, [user.organisationId]),
        attribute(attributeNames.organisationName, [user.organisationName]),
        ...(user.courts.length ? [attribute(attributeNames.courts, user.courts)] : []),
      ].join("");
      const issuer = `<saml:Issuer>${xmlEscape(settings.idpEntityId)}</saml:Issuer>`;
      const xml =
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
        `ID="${id()}" Version="2.0" IssueInstant="${at(0)}" Destination="${xmlEscape(settings.acsUrl)}" InResponseTo="${xmlEscape(inResponseTo)}">` +
        issuer +
        `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
        `<saml:Assertion ID="${id()}" Version="2.0" IssueInstant="${at(0)}">${issuer}` +
        `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${xmlEscape(user.id)}</saml:NameID>` +
        `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData ` +
        `InResponseTo="${xmlEscape(inResponseTo)}" NotOnOrAfter="${at(5 * 60_000)}" Recipient="${xmlEscape(settings.acsUrl)}"/>` +
        `</saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${at(-30_000)}" NotOnOrAfter="${at(5 * 60_000)}"><saml:AudienceRestriction>` +
        `<saml:Audience>${xmlEscape(settings.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${id()}"><saml:AuthnContext><saml:AuthnContextClassRef>` +
        `urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
      const signedAssertion = sign(xml, key, ASSERTION_XPATH, `${ASSERTION_XPATH}/*[local-name(.)='Issuer']`);
      const signedResponse = sign(signedAssertion, key, RESPONSE_XPATH, `${RESPONSE_XPATH}/*[local-name(.)='Issuer']`);
      return Buffer.from(signedResponse, "utf8").toString("base64");
    },
  };
}

export type DevIdp = ReturnType<typeof createDevIdp>;

function sign(xml: string, privateKey: string, reference: string, after: string): string {
  const signer = new SignedXml({
    privateKey,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({ xpath: reference, transforms: TRANSFORMS, digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
  signer.computeSignature(xml, { location: { reference: after, action: "after" } });
  return signer.getSignedXml();
}
