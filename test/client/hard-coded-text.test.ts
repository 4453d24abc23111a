import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import * as assert from "uvu/assert";
import { suite } from "uvu";

/**
 * Every word the client shows comes from the catalogue (DESIGN §7), so a page can be read whole
 * in Welsh. This reads every component as TypeScript and fails on text written into the markup:
 * JSX text with letters, and user-facing attributes (labels, titles, alternative text) given as
 * string literals. Class names, ids, URLs and data attributes are not text.
 */
const test = suite("client: no user-facing text outside the catalogue");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../client");
const USER_FACING_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "title", "alt", "placeholder", "label", "legend", "hint", "text", "caption"]);

function componentFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

/** Hard-coded words in one file, as `file:line: text`. */
function hardCodedText(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(`${where(node)}: ${node.text.trim()}`);
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression) ? init.expression : undefined;
      if (literal && USER_FACING_ATTRIBUTES.has(name) && /\p{L}{2}/u.test(literal.text)) found.push(`${where(node)}: ${name}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test("no component writes words into its markup", () => {
  const files = componentFiles(root);
  assert.ok(files.length > 40, `only ${files.length} components found`);
  const found = files.flatMap((file) => hardCodedText(file, fs.readFileSync(file, "utf8")));
  assert.equal(found, []);
});

test("the check finds words in markup and in labels, and leaves classes and catalogue calls alone", () => {
  const found = hardCodedText(path.join(root, "x.tsx"), `
    const a = <p class="govuk-body" id="intro">Enter your name</p>;
    const b = <button aria-label="Close" type="button">{t("close")}</button>;
    const c = <TextInput label={"Surname"} hint={t("hint")} />;
    const d = <span>{" "}{count}</span>;
  `);
  assert.equal(found.map((f) => f.replace(/^.*?: /, "")), ["Enter your name", 'aria-label="Close"', 'label="Surname"']);
});

test.run();
