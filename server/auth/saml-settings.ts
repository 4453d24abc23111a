import fs from "node:fs";
import path from "node:path";
import { type Config, ConfigError } from "../config.ts";

/** Where the development IdP's throwaway files live (DESIGN §6). */
export const DEV_IDP_DIR = "fixtures/saml";

export type SamlSettings = {
  /** The development IdP at /dev-idp/sso is served and trusted. */
  isDevIdp: boolean;
  idpSsoUrl: string;
  idpEntityId: string;
  /** Pinned IdP signing certificate(s), PEM. */
  idpCerts: string[];
  spEntityId: string;
  acsUrl: string;
  spPrivateKey: string | undefined;
  spCert: string | undefined;
  /** Development IdP signing key (PEM), only when isDevIdp. */
  devIdpKey: string | undefined;
};

/**
 * Resolve the SAML settings: the configured IdP, or (outside production, with no IdP set) the
 * development IdP and its fixture keys. Refuses to run production with either.
 */
export function resolveSamlSettings(config: Config, root: string): SamlSettings {
  const devDir = path.join(root, DEV_IDP_DIR);
  const read = (file: string, variable: string) => {
    try {
      return fs.readFileSync(path.resolve(file), "utf8");
    } catch {
      throw new ConfigError(`Invalid configuration: ${variable} cannot be read`);
    }
  };
  const acsUrl = `${config.baseUrl}/auth/saml/acs`;
  const s = config.saml;
  const isDevIdp = !s.idpSsoUrl;

  if (config.isProduction) {
    if (isDevIdp) throw new ConfigError("Refusing to start in production with the development IdP: set SAML_IDP_SSO_URL");
    const fixtures = fs.existsSync(devDir)
      ? fs.readdirSync(devDir).map((f) => fs.readFileSync(path.join(devDir, f), "utf8").trim())
      : [];
    for (const [variable, file] of [
      ["SAML_IDP_CERT_FILE", s.idpCertFile],
      ["SAML_SP_KEY_FILE", s.spKeyFile],
      ["SAML_SP_CERT_FILE", s.spCertFile],
    ] as const) {
      if (!file) continue;
      const isFixturePath = path.resolve(file).startsWith(devDir + path.sep);
      if (isFixturePath || fixtures.includes(read(file, variable).trim())) {
        throw new ConfigError(`Refusing to start in production with a test key or certificate in ${variable}`);
      }
    }
  }

  if (isDevIdp) {
    const metadata = fs.readFileSync(path.join(devDir, "dev-idp-metadata.xml"), "utf8");
    const entityId = /entityID="([^"]+)"/.exec(metadata)?.[1];
    if (!entityId) throw new ConfigError("fixtures/saml/dev-idp-metadata.xml has no entityID");
    return {
      isDevIdp: true,
      idpSsoUrl: `${config.baseUrl}/dev-idp/sso`,
      idpEntityId: entityId,
      idpCerts: [fs.readFileSync(path.join(devDir, "dev-idp.crt"), "utf8")],
      spEntityId: s.spEntityId,
      acsUrl,
      spPrivateKey: s.spKeyFile ? read(s.spKeyFile, "SAML_SP_KEY_FILE") : undefined,
      spCert: s.spCertFile ? read(s.spCertFile, "SAML_SP_CERT_FILE") : undefined,
      devIdpKey: fs.readFileSync(path.join(devDir, "dev-idp.key"), "utf8"),
    };
  }

  if (!s.idpEntityId || !s.idpCertFile) {
    throw new ConfigError("Invalid configuration: SAML_IDP_ENTITY_ID and SAML_IDP_CERT_FILE are required with SAML_IDP_SSO_URL");
  }
  const certs = read(s.idpCertFile, "SAML_IDP_CERT_FILE").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!certs) throw new ConfigError("Invalid configuration: SAML_IDP_CERT_FILE holds no certificate");
  return {
    isDevIdp: false,
    idpSsoUrl: s.idpSsoUrl as string,
    idpEntityId: s.idpEntityId,
    idpCerts: certs,
    spEntityId: s.spEntityId,
    acsUrl,
    spPrivateKey: s.spKeyFile ? read(s.spKeyFile, "SAML_SP_KEY_FILE") : undefined,
    spCert: s.spCertFile ? read(s.spCertFile, "SAML_SP_CERT_FILE") : undefined,
    devIdpKey: undefined,
  };
}
