/**
 * The shape another language's catalogue must have: every key of the English one, each a string.
 * A plural (`key_one` / `key_other` in English) needs every category the language's plural rules
 * use; Welsh has six (`_zero`, `_one`, `_two`, `_few`, `_many`, `_other`).
 */
type WelshPluralExtras<T> = {
  [K in keyof T & string as K extends `${infer Base}_other`
    ? `${Base}_zero` | `${Base}_two` | `${Base}_few` | `${Base}_many`
    : never]: string;
};

export type WelshTranslation<T> = {
  [K in keyof T]: T[K] extends string ? string : WelshTranslation<T[K]>;
} & WelshPluralExtras<T>;
