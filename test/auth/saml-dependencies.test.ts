/**
 * SAML-32 (security.md §1.4, §8.1): the dependency guard. Reads package-lock.json and fails when
 * an unscoped `passport-saml` or `node-saml` is anywhere in the tree (every version is affected by
 * CVE-2025-54419), when `@node-saml/node-saml` or `@node-saml/passport-saml` is older than 5.1.0,
 * when xml-crypto is older than 6.0.1 (CVE-2025-29774/29775), or when the `@xmldom/xmldom` that
 * node-saml resolves is 0.9 or later (node-saml 5.1.0 breaks with it).
 */
import fs from "node:fs";
import path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../helpers/test-server.ts";

type LockPackage = { version?: string; name?: string; resolved?: string; link?: boolean; dependencies?: Record<string, string> };
type Lock = { lockfileVersion?: number; packages?: Record<string, LockPackage> };

type Version = { major: number; minor: number; patch: number; pre: boolean };

function parseVersion(version: string): Version | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?/.exec(version);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] !== undefined };
}

/** True when `version` is below `minimum` (a pre-release of the minimum counts as below). */
function below(version: string, minimum: string): boolean {
  const v = parseVersion(version);
  const min = parseVersion(minimum);
  if (!v || !min) return true; // unparseable: treat as unsafe
  for (const key of ["major", "minor", "patch"] as const) {
    if (v[key] !== min[key]) return v[key] < min[key];
  }
  return v.pre;
}

/** The package name a lock key installs: what follows the last `node_modules/`. */
function nameOf(key: string, entry: LockPackage): string {
  const i = key.lastIndexOf("node_modules/");
  return i < 0 ? (entry.name ?? key) : key.slice(i + "node_modules/".length);
}

/** Node's resolution of `dep` from the package installed at `from` (a lock key). */
function resolveFrom(packages: Record<string, LockPackage>, from: string, dep: string): { key: string; entry: LockPackage } | undefined {
  let base = from;
  for (;;) {
    const key = base === "" ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
    const entry = packages[key];
    if (entry) return { key, entry };
    if (base === "") return undefined;
    const i = base.lastIndexOf("node_modules/");
    base = i <= 0 ? "" : base.slice(0, i - 1);
  }
}

const UNSCOPED_FORBIDDEN = new Set(["passport-saml", "node-saml"]);
const MINIMUMS: Record<string, string> = {
  "@node-saml/node-saml": "5.1.0",
  "@node-saml/passport-saml": "5.1.0",
  "xml-crypto": "6.0.1",
  // CVE-2024-4367 is fixed in 4.2.67; research/security.md §8.1 targets 6.2.108 and later.
  "pdfjs-dist": "6.2.108",
};

/** Every rule SAML-32 enforces, as human-readable violations (empty when the tree is fine). */
function samlDependencyViolations(lock: Lock): string[] {
  const violations: string[] = [];
  const packages = lock.packages;
  if (!packages) return ["package-lock.json has no `packages` map (lockfileVersion ≥ 2 needed)"];
  let nodeSamlSeen = false;
  for (const [key, entry] of Object.entries(packages)) {
    if (key === "") continue;
    const name = nameOf(key, entry);
    const aliasOf = /registry\.npmjs\.org\/((?:@[^/]+\/)?[^/]+)\/-\//.exec(entry.resolved ?? "")?.[1];
    for (const candidate of new Set([name, entry.name, aliasOf])) {
      if (candidate && UNSCOPED_FORBIDDEN.has(candidate)) {
        violations.push(`${key}: unscoped ${candidate}@${entry.version ?? "?"} is forbidden (use @node-saml/*)`);
      }
    }
    for (const [pkg, minimum] of Object.entries(MINIMUMS)) {
      if (name !== pkg && aliasOf !== pkg) continue;
      if (entry.link) continue;
      if (below(entry.version ?? "", minimum)) violations.push(`${key}: ${pkg}@${entry.version ?? "?"} < ${minimum}`);
    }
    if (name === "@node-saml/node-saml" && !entry.link) {
      nodeSamlSeen = true;
      const xmldom = resolveFrom(packages, key, "@xmldom/xmldom");
      if (!xmldom) violations.push(`${key}: @xmldom/xmldom does not resolve`);
      else if (!below(xmldom.entry.version ?? "", "0.9.0")) {
        violations.push(`${key} resolves ${xmldom.key}@${xmldom.entry.version ?? "?"}: node-saml 5.1 does not work with xmldom ≥ 0.9`);
      }
      const xmlCrypto = resolveFrom(packages, key, "xml-crypto");
      if (!xmlCrypto) violations.push(`${key}: xml-crypto does not resolve`);
    }
  }
  if (!nodeSamlSeen) violations.push("@node-saml/node-saml is not installed (DESIGN §6 relies on it)");
  return violations;
}

const test = suite("SAML-32 dependency guard");

test("package-lock.json: no unscoped passport-saml/node-saml, @node-saml/* ≥ 5.1.0, xml-crypto ≥ 6.0.1, xmldom 0.8 under node-saml", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as Lock;
  const violations = samlDependencyViolations(lock);
  assert.equal(violations, [], violations.join("\n"));
});

test("the installed tree agrees with the lock for node-saml and what it loads", () => {
  const nodeSamlDir = path.join(ROOT, "node_modules", "@node-saml", "node-saml");
  const version = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  assert.not.ok(below(version(nodeSamlDir), "5.1.0"), `installed @node-saml/node-saml ${version(nodeSamlDir)}`);
  const resolveDir = (from: string, dep: string): string => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "node_modules", dep);
      if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
      if (dir === path.dirname(dir)) throw new Error(`${dep} does not resolve from ${from}`);
    }
  };
  const xmldom = version(resolveDir(nodeSamlDir, "@xmldom/xmldom"));
  assert.ok(below(xmldom, "0.9.0"), `node-saml loads @xmldom/xmldom ${xmldom}`);
  const xmlCrypto = version(resolveDir(nodeSamlDir, "xml-crypto"));
  assert.not.ok(below(xmlCrypto, "6.0.1"), `node-saml loads xml-crypto ${xmlCrypto}`);
  for (const forbidden of ["passport-saml", "node-saml"]) {
    assert.not.ok(fs.existsSync(path.join(ROOT, "node_modules", forbidden)), `node_modules/${forbidden} is installed`);
  }
});

// The guard itself, on synthetic lock files: each rule must fire.
const good: Record<string, LockPackage> = {
  "": { name: "caseroom" },
  "node_modules/@node-saml/node-saml": { version: "5.1.0" },
  "node_modules/@node-saml/passport-saml": { version: "5.1.1" },
  "node_modules/@xmldom/xmldom": { version: "0.8.15" },
  "node_modules/xml-crypto": { version: "6.3.2" },
};

test("the guard passes a good tree and fires on each rule", () => {
  assert.equal(samlDependencyViolations({ packages: good }), []);
  const cases: Array<[string, Record<string, LockPackage>]> = [
    ["unscoped passport-saml", { ...good, "node_modules/passport-saml": { version: "3.2.4" } }],
    ["nested unscoped node-saml", { ...good, "node_modules/foo/node_modules/node-saml": { version: "4.0.5" } }],
    [
      "an alias of node-saml",
      { ...good, "node_modules/saml-lib": { version: "4.0.5", resolved: "https://registry.npmjs.org/node-saml/-/node-saml-4.0.5.tgz" } },
    ],
    ["@node-saml/node-saml 5.0.1", { ...good, "node_modules/@node-saml/node-saml": { version: "5.0.1" } }],
    ["@node-saml/node-saml 5.1.0-beta.1", { ...good, "node_modules/@node-saml/node-saml": { version: "5.1.0-beta.1" } }],
    ["@node-saml/passport-saml 5.0.0", { ...good, "node_modules/@node-saml/passport-saml": { version: "5.0.0" } }],
    ["xml-crypto 6.0.0", { ...good, "node_modules/xml-crypto": { version: "6.0.0" } }],
    ["nested xml-crypto 3.2.0", { ...good, "node_modules/x/node_modules/xml-crypto": { version: "3.2.0" } }],
    ["xmldom 0.9.8 hoisted", { ...good, "node_modules/@xmldom/xmldom": { version: "0.9.8" } }],
    [
      "xmldom 0.9.8 nested under node-saml",
      { ...good, "node_modules/@node-saml/node-saml/node_modules/@xmldom/xmldom": { version: "0.9.8" } },
    ],
  ];
  for (const [label, packages] of cases) {
    assert.ok(samlDependencyViolations({ packages }).length > 0, `the guard misses: ${label}`);
  }
  // xmldom 0.9 elsewhere, with node-saml resolving its own 0.8, is not node-saml's problem.
  assert.equal(
    samlDependencyViolations({
      packages: {
        ...good,
        "node_modules/@xmldom/xmldom": { version: "0.9.8" },
        "node_modules/@node-saml/node-saml/node_modules/@xmldom/xmldom": { version: "0.8.15" },
      },
    }),
    [],
  );
});

test.run();
