import * as assert from "uvu/assert";
import { suite } from "uvu";
import {
  type FormDefinition,
  type FormField,
  type FormPartDefinition,
  type ScalarField,
  formDefinition,
} from "../../shared/forms/form-definition.schema.ts";
import { FORM_DEFINITIONS } from "../../shared/forms/form-definitions.ts";
import { petForm } from "../../shared/forms/pet.form.ts";
import { ptphForm } from "../../shared/forms/ptph.form.ts";
import { formsEn } from "../../shared/i18n/forms.en.ts";
import { custody } from "../../shared/schemas/defendant.schema.ts";

const test = suite("form definitions: PET and PTPH as data");

const definitions = [FORM_DEFINITIONS.PET, FORM_DEFINITIONS.PTPH];
/** Keys the renderer and the PDF (server/forms) use on their own; no definition names them. */
const RENDERER_KEYS = new Set([
  "common.yes",
  "common.no",
  "common.notAnswered",
  "common.defencePartFor",
  "common.caseLine",
  "common.signOffs",
  "common.signOffLine",
  "common.contentHash",
  "common.finalisedLine",
]);

function lookUp(key: string): unknown {
  let node: unknown = formsEn;
  for (const segment of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function leafKeys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([name, child]) => leafKeys(child, prefix ? `${prefix}.${name}` : name));
}

function fieldsOf(part: FormPartDefinition): FormField[] {
  return part.sections.flatMap((s) => s.fields);
}

function scalarKeys(f: ScalarField | FormField): string[] {
  const keys = [f.label];
  if (f.hint) keys.push(f.hint);
  if (f.type === "yesNo" && f.detailsLabel) keys.push(f.detailsLabel);
  if (f.type === "choice" || f.type === "multiChoice") keys.push(...f.options.map((o) => o.label));
  if (f.type === "rows") keys.push(f.addLabel, ...f.columns.flatMap(scalarKeys));
  return keys;
}

function messageKeys(def: FormDefinition): string[] {
  return [
    def.title,
    ...def.parts.flatMap((p) => [
      p.title,
      ...p.sections.flatMap((s) => [s.title, ...(s.description ? [s.description] : []), ...s.fields.flatMap(scalarKeys)]),
    ]),
  ];
}

/** Ids a part's answers are stored under: each field, plus `<id>Details` for a yes/no that asks for details. */
function answerIds(fields: readonly (FormField | ScalarField)[]): string[] {
  return fields.flatMap((f) => (f.type === "yesNo" && f.detailsWhen ? [f.id, `${f.id}Details`] : [f.id]));
}

function part(def: FormDefinition, side: FormPartDefinition["side"]): FormPartDefinition {
  const found = def.parts.find((p) => p.side === side);
  if (!found) throw new Error(`${def.type} has no ${side} part`);
  return found;
}

test("both definitions parse against the schema, and the registry holds them under their own type", () => {
  assert.equal(formDefinition.parse(petForm), petForm);
  assert.equal(formDefinition.parse(ptphForm), ptphForm);
  assert.is(FORM_DEFINITIONS.PET.type, "PET");
  assert.is(FORM_DEFINITIONS.PTPH.type, "PTPH");
  assert.is(FORM_DEFINITIONS.PET.jurisdiction, "magistrates");
  assert.is(FORM_DEFINITIONS.PTPH.jurisdiction, "crown");
  for (const def of definitions) assert.equal(def.signOffBy, ["prosecution", "defence"]);
});

test("every title, label, hint, details label, add label and option resolves to text in the forms catalogue", () => {
  for (const def of definitions) {
    for (const key of messageKeys(def)) {
      const text = lookUp(key);
      assert.type(text, "string", `${def.type}: ${key} resolves to a string`);
      assert.ok((text as string).trim().length > 0, `${def.type}: ${key} is not empty`);
    }
  }
});

test("the forms catalogue has no key that no definition uses", () => {
  const used = new Set(definitions.flatMap(messageKeys));
  const unused = leafKeys(formsEn).filter((key) => !used.has(key) && !RENDERER_KEYS.has(key));
  assert.equal(unused, []);
  for (const key of RENDERER_KEYS) assert.type(lookUp(key), "string", key);
});

test("every conditional requirement names another field of the same part, with a value that field can take", () => {
  for (const def of definitions) {
    for (const p of def.parts) {
      const byId = new Map(fieldsOf(p).map((f) => [f.id, f]));
      for (const f of fieldsOf(p)) {
        const where = `${def.type}.${p.side}.${f.id}`;
        const columns = f.type === "rows" ? f.columns : [];
        for (const c of columns) assert.ok(c.required === undefined || c.required === "always", `${where}.${c.id}: a column is required always or never`);
        if (f.required === undefined || f.required === "always") continue;
        const { field, equals } = f.required;
        const target = byId.get(field);
        assert.ok(target, `${where} depends on ${field}, a field of the same part`);
        assert.is.not(field, f.id, `${where} does not depend on itself`);
        if (target.type === "yesNo") assert.ok([true, false, "yes", "no"].includes(equals), `${where}: ${String(equals)} is a yes/no answer`);
        else if (target.type === "choice" || target.type === "multiChoice") {
          assert.ok(target.options.some((o) => o.value === equals), `${where}: ${String(equals)} is an option of ${field}`);
        } else assert.unreachable(`${where} depends on ${field}, which is not a yes/no or choice field`);
      }
    }
  }
});

test("field ids are unique within a part, counting the details answer of a yes/no; column ids are unique within their rows", () => {
  for (const def of definitions) {
    for (const p of def.parts) {
      const ids = answerIds(fieldsOf(p));
      assert.equal(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${def.type}.${p.side}`);
      for (const f of fieldsOf(p)) {
        if (f.type !== "rows") continue;
        const columnIds = answerIds(f.columns);
        assert.equal(columnIds.filter((id, i) => columnIds.indexOf(id) !== i), [], `${def.type}.${p.side}.${f.id}`);
      }
    }
  }
});

test("a yes/no that asks for details says what details to give", () => {
  for (const def of definitions) {
    for (const p of def.parts) {
      for (const f of fieldsOf(p).flatMap((f) => (f.type === "rows" ? f.columns : [f]))) {
        if (f.type === "yesNo" && f.detailsWhen) assert.ok(f.detailsLabel, `${def.type}.${p.side}.${f.id} has a details label`);
      }
    }
  }
});

test("the PET has a prosecution, a defence and a court part, and the defence must state the real issues", () => {
  assert.equal(
    FORM_DEFINITIONS.PET.parts.map((p) => p.side),
    ["prosecution", "defence", "court"],
  );
  const realIssues = fieldsOf(part(FORM_DEFINITIONS.PET, "defence")).find((f) => f.id === "realIssues");
  assert.is(realIssues?.type, "longText");
  assert.is(realIssues?.required, "always");
});

test("the PTPH court part has the trial date and the stage 1 to 4 dates as date fields", () => {
  const court = new Map(fieldsOf(part(FORM_DEFINITIONS.PTPH, "court")).map((f) => [f.id, f]));
  for (const id of ["trialDate", "stage1Date", "stage2Date", "stage3Date", "stage4Date"]) {
    assert.is(court.get(id)?.type, "date", id);
  }
  assert.equal(
    FORM_DEFINITIONS.PTPH.parts.map((p) => p.side),
    ["prosecution", "defence", "court"],
  );
});

test("the defence parts are prefilled with the defendant's name, date of birth, offences and custody status", () => {
  for (const def of definitions) {
    const sources = new Set(fieldsOf(part(def, "defence")).map((f) => f.prefill));
    for (const source of ["defendantName", "defendantDateOfBirth", "offences", "custody"] as const) {
      assert.ok(sources.has(source), `${def.type} defence prefills ${source}`);
    }
  }
  for (const def of definitions) {
    for (const f of fieldsOf(part(def, "defence"))) {
      if (f.prefill !== "custody") continue;
      assert.is(f.type, "choice", `${def.type}.defence.${f.id} is a choice, so the pre-filled code shows as its label`);
      if (f.type === "choice") assert.equal(f.options.map((o) => o.value), custody.options, `${def.type}.defence.${f.id} offers the custody codes`);
    }
  }
  const ptphSources = new Set(fieldsOf(part(FORM_DEFINITIONS.PTPH, "defence")).map((f) => f.prefill));
  assert.ok(ptphSources.has("custodyTimeLimit") && ptphSources.has("sentOn"), "PTPH defence prefills the custody time limit and sending date");
});

test("the schema rejects a definition with a duplicate field id or a dependency on an unknown field", () => {
  const duplicate = structuredClone(petForm);
  const section = duplicate.parts[0]!.sections[0]!;
  section.fields.push({ ...section.fields[0]!, label: "pet.prosecution.urn.label" });
  assert.throws(() => formDefinition.parse(duplicate), /duplicate field prosecution\.urn/);

  const unknownDependency = structuredClone(ptphForm);
  unknownDependency.parts[2]!.sections[0]!.fields.push({
    id: "orphan",
    type: "text",
    label: "ptph.court.furtherOrders.label",
    required: { field: "noSuchField", equals: true },
  });
  assert.throws(() => formDefinition.parse(unknownDependency), /depends on unknown field noSuchField/);
});

test.run();
