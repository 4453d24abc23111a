import i18next, { type i18n } from "i18next";
import { cy } from "./messages.cy.ts";
import { en } from "./messages.en.ts";

export const SUPPORTED_LANGUAGES = ["en", "cy"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/**
 * Create an isolated i18next instance over the shared catalogue. Synchronous: the catalogue is
 * bundled, so `t` works as soon as this returns. Used by the server and the client alike.
 */
export function createI18n(language: Language = "en"): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: "en",
    initAsync: false,
    resources: { en: { ...en }, cy: { ...cy } },
    ns: Object.keys(en),
    defaultNS: "app",
    keySeparator: ".",
    nsSeparator: ":",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
