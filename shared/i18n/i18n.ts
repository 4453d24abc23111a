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

const translators = new Map<Language, i18n>();

/** The shared instance for a language, made once: for code that translates for many people. */
export function translator(language: Language): i18n {
  let instance = translators.get(language);
  if (!instance) {
    instance = createI18n(language);
    translators.set(language, instance);
  }
  return instance;
}
