import * as assert from "uvu/assert";
import { suite } from "uvu";
import { ACTIONS, type Action, type Actor, type CaseFacts, can, type Resource } from "../../shared/policy/access-policy.ts";

/** A multi-defendant magistrates' case: firm A represents d1, firm B represents d2. */
const facts: CaseFacts = {
  caseId: "case-1",
  prosecutingOrganisationId: "cps-wessex",
  courtCodes: ["KBMC01"],
  defendantIds: ["d1", "d2", "d3"],
  representation: { d1: "firm-a", d2: "firm-b" },
};

const actors = {
  prosecutor: { id: "pat", role: "prosecutor", party: "prosecution", organisationId: "cps-wessex", courts: [] },
  firmA: { id: "dan", role: "defence", party: "defence:firm-a", organisationId: "firm-a", courts: [] },
  firmA2: { id: "dan2", role: "defence", party: "defence:firm-a", organisationId: "firm-a", courts: [] },
  firmB: { id: "amy", role: "defence", party: "defence:firm-b", organisationId: "firm-b", courts: [] },
  firmC: { id: "cat", role: "defence", party: "defence:firm-c", organisationId: "firm-c", courts: [] },
  adviser: { id: "lee", role: "legal-adviser", party: "court", organisationId: "hmcts", courts: ["KBMC01", "AVMC01"] },
  judge: { id: "morgan", role: "judge", party: "court", organisationId: "hmcts", courts: ["KBMC01"] },
  staff: { id: "sam", role: "court-staff", party: "court", organisationId: "hmcts", courts: ["KBMC01"] },
  otherCps: { id: "oc", role: "prosecutor", party: "prosecution", organisationId: "cps-mercia", courts: [] },
  otherCourt: { id: "ol", role: "legal-adviser", party: "court", organisationId: "hmcts-n", courts: ["NOMC01"] },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

const members: Who[] = ["prosecutor", "firmA", "firmA2", "firmB", "adviser", "judge", "staff"];
const court: Who[] = ["adviser", "judge", "staff"];
const none: Who[] = [];

/** For each resource, who may do each action; any action not listed is allowed to nobody. */
const table: { name: string; resource: Resource; allowed: Partial<Record<Action, Who[]>> }[] = [
  {
    name: "case",
    resource: { kind: "case", case: facts },
    allowed: { read: members, export: members, write: ["prosecutor", "staff"], send: court },
  },
  { name: "hearing", resource: { kind: "hearing", case: facts }, allowed: { read: members, write: ["staff"] } },
  {
    name: "new case at KBMC01 for cps-wessex",
    resource: { kind: "new-case", prosecutingOrganisationId: "cps-wessex", courtCode: "KBMC01" },
    allowed: { create: ["prosecutor", "staff"] },
  },
  {
    name: "new case at NOMC01 for cps-mercia",
    resource: { kind: "new-case", prosecutingOrganisationId: "cps-mercia", courtCode: "NOMC01" },
    allowed: { create: ["otherCps"] },
  },
  {
    name: "defendant d1",
    resource: { kind: "defendant", case: facts, defendantId: "d1" },
    allowed: { read: members, associate: ["firmA", "firmA2", "firmB", "firmC"], "end-association": court },
  },
  {
    name: "document for all",
    resource: { kind: "document", case: facts, visibility: "all" },
    allowed: { read: members, export: members, write: ["prosecutor"] },
  },
  {
    name: "document restricted to d1",
    resource: { kind: "document", case: facts, visibility: ["d1"] },
    allowed: { read: ["prosecutor", "firmA", "firmA2", ...court], export: ["prosecutor", "firmA", "firmA2", ...court], write: ["prosecutor"] },
  },
  {
    name: "document restricted to d2",
    resource: { kind: "document", case: facts, visibility: ["d2"] },
    allowed: { read: ["prosecutor", "firmB", ...court], export: ["prosecutor", "firmB", ...court], write: ["prosecutor"] },
  },
  {
    name: "form part: prosecution",
    resource: { kind: "form-part", case: facts, part: { side: "prosecution" } },
    allowed: { read: members, export: members, write: ["prosecutor"], "sign-off": ["prosecutor"] },
  },
  {
    name: "form part: defence of d1",
    resource: { kind: "form-part", case: facts, part: { side: "defence", defendantId: "d1" } },
    allowed: { read: members, export: members, write: ["firmA", "firmA2"], "sign-off": ["firmA", "firmA2"] },
  },
  {
    name: "form part: defence of d2",
    resource: { kind: "form-part", case: facts, part: { side: "defence", defendantId: "d2" } },
    allowed: { read: members, export: members, write: ["firmB"], "sign-off": ["firmB"] },
  },
  {
    name: "form part: court",
    resource: { kind: "form-part", case: facts, part: { side: "court" } },
    allowed: { read: members, export: members, write: court, "sign-off": ["adviser", "judge"] },
  },
  {
    name: "notes shared by firm A",
    resource: { kind: "note", case: facts, note: { scope: "shared", party: "defence:firm-a" } },
    allowed: { read: members, export: members, write: ["firmA", "firmA2"] },
  },
  {
    name: "notes of firm A's team",
    resource: { kind: "note", case: facts, note: { scope: "team", party: "defence:firm-a" } },
    allowed: { read: ["firmA", "firmA2"], export: ["firmA", "firmA2"], write: ["firmA", "firmA2"] },
  },
  {
    name: "notes of the prosecution team",
    resource: { kind: "note", case: facts, note: { scope: "team", party: "prosecution" } },
    allowed: { read: ["prosecutor"], export: ["prosecutor"], write: ["prosecutor"] },
  },
  {
    name: "notes of the court team",
    resource: { kind: "note", case: facts, note: { scope: "team", party: "court" } },
    allowed: { read: court, export: court, write: court },
  },
  {
    name: "dan's private notes",
    resource: { kind: "note", case: facts, note: { scope: "private", userId: "dan" } },
    allowed: { read: ["firmA"], export: ["firmA"], write: ["firmA"] },
  },
  {
    name: "direction",
    resource: { kind: "direction", case: facts },
    allowed: { read: members, export: members, issue: ["adviser", "judge"], acknowledge: ["prosecutor", "firmA", "firmA2", "firmB"] },
  },
  { name: "audit trail", resource: { kind: "audit", case: facts }, allowed: { read: ["staff"] } },
];

const test = suite("access policy: every role × resource × action");

for (const row of table) {
  test(row.name, () => {
    for (const action of ACTIONS) {
      const allowed = new Set(row.allowed[action] ?? none);
      for (const [who, actor] of Object.entries(actors) as [Who, Actor][]) {
        assert.is(can(actor, action, row.resource), allowed.has(who), `${who} ${action} ${row.name}`);
      }
    }
  });
}

test("a defence firm that represents nobody in the case sees nothing of it", () => {
  for (const row of table) {
    for (const action of ACTIONS) {
      if (action === "associate") continue;
      assert.not.ok(can(actors.firmC, action, row.resource), `firmC ${action} ${row.name}`);
    }
  }
});

test("a Crown Court case is visible to the court of any of its hearings", () => {
  const sent: CaseFacts = { ...facts, courtCodes: ["CBCC01", "KBMC01"] };
  const crownJudge: Actor = { ...actors.judge, courts: ["CBCC01"] };
  assert.ok(can(crownJudge, "read", { kind: "case", case: sent }));
  assert.not.ok(can(crownJudge, "read", { kind: "case", case: facts }));
});

test("when firm A's association ends, firm A loses everything at once", () => {
  const ended: CaseFacts = { ...facts, representation: { d2: "firm-b" } };
  for (const row of table) {
    const resource = { ...row.resource, case: ended } as Resource;
    for (const action of ACTIONS) {
      if (action === "associate") continue;
      assert.not.ok(can(actors.firmA, action, resource), `${action} ${row.name}`);
    }
  }
});

test.run();
