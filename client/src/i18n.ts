import { createI18n, type Language } from "../../shared/i18n/i18n.ts";
import { isLanguage, LANGUAGE_COOKIE, languageFromAcceptLanguage, localeOf } from "../../shared/i18n/language.ts";
import type { Messages } from "../../shared/i18n/messages.en.ts";

/**
 * The language the page is read in: the one chosen with the header's switch (the server keeps it
 * in a cookie, and restores a signed-in user's choice at sign-in), else the browser's own order.
 * Changing it is a page load (`/language/cy`), so every word is rendered once, in one language.
 */
function pageLanguage(): Language {
  const chosen = document.cookie
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`))
    ?.slice(LANGUAGE_COOKIE.length + 1);
  return isLanguage(chosen) ? chosen : languageFromAcceptLanguage(navigator.languages.join(","));
}

/** The client's one i18next instance over the shared catalogue. */
export const i18n = createI18n(pageLanguage());
document.documentElement.lang = i18n.language;

type PluralSuffix = "_zero" | "_one" | "_two" | "_few" | "_many" | "_other";

/** Dotted paths to the strings of a catalogue namespace; plural forms give their base key. */
type MessageKeys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}${PluralSuffix}`
      ? `${Prefix}${Base}`
      : `${Prefix}${K}`
    : MessageKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the `app` namespace, e.g. `cases.list.title` (catalogue `app.cases.list.title`). */
export type AppMessageKey = MessageKeys<Messages["app"]>;
/** A key of the `errors` namespace, written with its namespace: `errors:auth.required`. */
export type ErrorMessageKey = `errors:${keyof Messages["errors"] & string}`;
/** An IDPC section's name, written with its namespace: `sections:case-summary`. */
export type SectionMessageKey = `sections:${keyof Messages["sections"] & string}`;
export type MessageKey = AppMessageKey | ErrorMessageKey | SectionMessageKey;

export type MessageValues = Readonly<Record<string, string | number>>;

/** Translate a catalogue key; values fill `{{placeholders}}` (and `count` picks the plural). */
export function t(key: MessageKey, values?: MessageValues): string {
  return i18n.t(key, { ...values });
}

/** Whether `key` is in the catalogue: for looking up keys built from API values. */
export function hasMessage(key: string): key is MessageKey {
  return i18n.exists(key);
}

/** BCP 47 locale for dates and numbers in the current language. */
export function locale(): string {
  return localeOf(i18n.language === "cy" ? "cy" : "en");
}

/** The language the page is read in. */
export function language(): Language {
  return i18n.language === "cy" ? "cy" : "en";
}
