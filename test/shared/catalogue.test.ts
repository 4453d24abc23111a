import * as assert from "uvu/assert";
import { suite } from "uvu";
import { createI18n } from "../../shared/i18n/i18n.ts";
import { cy } from "../../shared/i18n/messages.cy.ts";
import { en } from "../../shared/i18n/messages.en.ts";

const test = suite("message catalogue: English and Welsh");

type Tree = { readonly [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): Map<string, string> =>
  new Map(Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[`${prefix}${key}`, value]] : [...flatten(value, `${prefix}${key}.`)])));

const english = flatten(en as unknown as Tree);
const welsh = flatten(cy as unknown as Tree);
const WELSH_PLURALS = ["zero", "one", "two", "few", "many", "other"];
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, "");
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

test("every English key is in Welsh and every Welsh key in English (plurals by their base key)", () => {
  const englishBases = new Set([...english.keys()].map(baseKey));
  const welshBases = new Set([...welsh.keys()].map(baseKey));
  assert.equal([...englishBases].filter((k) => !welshBases.has(k)), [], "missing in Welsh");
  assert.equal([...welshBases].filter((k) => !englishBases.has(k)), [], "only in Welsh");
});

test("a plural has English's two forms and all six of Welsh's", () => {
  const pluralBases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map(baseKey));
  assert.ok(pluralBases.size > 5);
  for (const base of pluralBases) {
    assert.ok(english.has(`${base}_one`) && english.has(`${base}_other`), base);
    for (const form of WELSH_PLURALS) assert.ok(welsh.has(`${base}_${form}`), `${base}_${form}`);
  }
  assert.equal(new Intl.PluralRules("cy").resolvedOptions().pluralCategories.sort(), [...WELSH_PLURALS].sort());
});

test("each Welsh string has exactly the placeholders of its English one, and none is empty", () => {
  for (const [key, text] of welsh) {
    assert.ok(text.trim().length > 0, `${key} is empty`);
    const source = english.get(key) ?? english.get(`${baseKey(key)}_other`);
    assert.ok(source !== undefined, key);
    // Welsh's singular forms may leave out {{count}} where English's "one" has it, never add one.
    const expected = placeholders(source ?? "").filter((p) => p !== "count");
    assert.equal(placeholders(text).filter((p) => p !== "count"), expected, key);
  }
});

/** Words that are the same in both languages: names, acronyms, units, the language names. */
const SAME_IN_BOTH = new Set(["Caseroom", "GOV.UK", "Beta", "URN", "kB", "MB", "GB", "Problem", "English", "Cymraeg"]);
/** Machine formats and the language switch, whose links are named in their own language in both. */
const SAME_BY_DESIGN = new Set(["bundle.zipIndexHeader", "app.layout.language.toEnglish", "app.layout.language.toWelsh"]);

test("no Welsh string is an English one left untranslated", () => {
  const untranslated = [...welsh].filter(([key, text]) => {
    if (SAME_BY_DESIGN.has(key) || english.get(key) !== text) return false;
    const words = text.replace(/\{\{[^}]*\}\}/g, " ").match(/[\p{L}.]+/gu) ?? [];
    return words.some((w) => !SAME_IN_BOTH.has(w.replace(/\.$/, "")) && /\p{L}/u.test(w));
  });
  assert.equal(untranslated, []);
});

test("i18next picks each of the Welsh plural forms, and the Welsh form titles", () => {
  const i18n = createI18n("cy");
  const forms = [0, 1, 2, 3, 6, 4].map((count) => i18n.t("cases.list.count", { count }));
  assert.equal(forms, [0, 1, 2, 3, 6, 4].map((n, i) => welsh.get(`app.cases.list.count_${WELSH_PLURALS[i]}`)?.replace("{{count}}", String(n))));
  assert.is(i18n.t("forms:pet.title"), welsh.get("forms.pet.title"));
  assert.is.not(i18n.t("forms:pet.title"), english.get("forms.pet.title"));
});

test.run();
