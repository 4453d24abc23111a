import * as assert from "uvu/assert";
import { suite } from "uvu";
import type { CaseRecord, NewCaseRecord } from "../../shared/schemas/case.schema.ts";
import type { OutboxMessage } from "../../shared/schemas/notification.schema.ts";
import type { Store } from "../../server/storage/store.ts";
import { type CaseTree, StoreConflictError } from "../../server/storage/store.ts";
import { createAuditService } from "../../server/audit/audit.service.ts";

/**
 * The store contract: every implementation of `Store` must pass these. Parametrised by a
 * factory that opens a fresh, empty store; `reopen` (when given) reopens the same one.
 */
export function storeContract(
  name: string,
  factory: { open(): Promise<Store>; reopen?(): Promise<Store>; cleanup(): Promise<void> },
) {
  const test = suite<{ store: Store }>(`store contract: ${name}`, { store: undefined as unknown as Store });

  test.before.each(async (context) => {
    context.store = await factory.open();
  });
  test.after.each(async (context) => {
    await context.store.close();
    await factory.cleanup();
  });

  const seedCase = async (store: Store, overrides: Partial<CaseRecord> = {}) => {
    await store.courts.upsert({ code: "KBMC01", name: "Kingsbridge Magistrates' Court", jurisdiction: "magistrates", area: "Wessex" });
    await store.organisations.upsert({ id: "cps-test", name: "CPS Test", kind: "prosecution" });
    await store.organisations.upsert({ id: "firm-a", name: "Firm A", kind: "defence" });
    await store.organisations.upsert({ id: "firm-b", name: "Firm B", kind: "defence" });
    const record: NewCaseRecord = {
      id: "case-1",
      urn: "52KB1234526",
      jurisdiction: "magistrates",
      courtCode: "KBMC01",
      prosecutingOrganisationId: "cps-test",
      status: "active",
      sentOn: null,
      version: 1,
      ...overrides,
    };
    await store.cases.insert(record);
    await store.defendants.insert({
      id: "def-1",
      caseId: record.id,
      firstName: "Ana",
      lastName: "Núñez",
      dateOfBirth: "1990-04-01",
      custody: "bail",
      custodyTimeLimit: null,
      bailConditions: "Reside at home address",
      interpreterLanguage: "Spanish",
    });
    return record;
  };

  test("e-mail outbox: queued once per key, claimed by one sender, retried, held for digests; preferences kept", async ({ store }) => {
    const message = (id: string, key: string, status: OutboxMessage["status"] = "pending"): OutboxMessage => ({
      id,
      idempotencyKey: key,
      userId: "u1",
      recipient: "u1@example.test",
      kind: "material-served",
      caseId: null,
      subject: `Subject ${id}`,
      link: `https://caseroom.test/${id}`,
      textBody: "text",
      htmlBody: "<p>html</p>",
      status,
      attempts: 0,
      nextAttemptAt: "2026-11-27T10:00:00.000Z",
      createdAt: "2026-11-27T10:00:00.000Z",
      sentAt: null,
      lastError: null,
    });
    assert.is(await store.outbox.enqueue([message("m1", "k1"), message("m2", "k2"), message("h1", "k3", "held")]), 3);
    assert.is(await store.outbox.enqueue([message("m1-again", "k1")]), 0, "the same key is not queued twice");
    // `due(now, limit, staleBefore)`: a send claimed before `staleBefore` was abandoned.
    const stale = "2026-11-27T09:55:00.000Z";
    assert.equal((await store.outbox.due("2026-11-27T09:59:59.000Z", 10, stale)).map((m) => m.id), [], "not before its time");
    assert.equal((await store.outbox.due("2026-11-27T10:00:00.000Z", 10, stale)).map((m) => m.id).sort(), ["m1", "m2"]);

    assert.ok(await store.outbox.claim("m1", "2026-11-27T10:00:01.000Z", stale));
    assert.not.ok(await store.outbox.claim("m1", "2026-11-27T10:00:01.000Z", stale), "a second sender does not get it");
    assert.equal((await store.outbox.due("2026-11-27T10:01:00.000Z", 10, stale)).map((m) => m.id), ["m2"], "a claimed message is not due");
    // Its sender died before marking it: once its claim is older than the lease, it is due again.
    assert.equal((await store.outbox.due("2026-11-27T10:10:00.000Z", 10, "2026-11-27T10:05:00.000Z")).map((m) => m.id).sort(), ["m1", "m2"]);
    assert.ok(await store.outbox.claim("m1", "2026-11-27T10:10:00.000Z", "2026-11-27T10:05:00.000Z"), "a send abandoned long ago is taken again");
    await store.outbox.markSent("m1", "2026-11-27T10:10:01.000Z");
    assert.not.ok(await store.outbox.claim("m1", "2026-11-27T11:00:00.000Z", "2026-11-27T10:55:00.000Z"), "a sent message is never taken again");

    assert.ok(await store.outbox.claim("m2", "2026-11-27T10:00:02.000Z", stale));
    await store.outbox.markFailed("m2", 1, "2026-11-27T10:05:00.000Z", "connection refused");
    const [failed] = (await store.outbox.list()).filter((m) => m.id === "m2");
    assert.equal([failed?.status, failed?.attempts, failed?.lastError], ["pending", 1, "connection refused"]);
    assert.equal((await store.outbox.due("2026-11-27T10:04:59.000Z", 10, stale)).map((m) => m.id), [], "waits for its retry");
    assert.equal((await store.outbox.due("2026-11-27T10:05:00.000Z", 10, stale)).map((m) => m.id), ["m2"]);

    assert.equal((await store.outbox.held()).map((m) => m.id), ["h1"]);
    assert.is(await store.outbox.markDigested(["h1"], "2026-11-28T07:00:00.000Z"), 1);
    assert.is(await store.outbox.markDigested(["h1"], "2026-11-28T07:00:01.000Z"), 0, "a digest that came second marks nothing");
    assert.equal(await store.outbox.held(), []);
    assert.equal((await store.outbox.list({ userId: "u1" })).find((m) => m.id === "h1")?.status, "sent");

    assert.equal(await store.noticePreferences.get("u1"), {});
    await store.noticePreferences.set("u1", "material-served", "digest");
    await store.noticePreferences.set("u1", "material-served", "off");
    await store.noticePreferences.set("u1", "access", "digest");
    assert.equal(await store.noticePreferences.get("u1"), { "material-served": "off", access: "digest" });
  });

  test("answers ping when open", async ({ store }) => {
    await store.ping();
  });

  test("collaboration log: appended in order, compacted into a merged snapshot, only the covered entries dropped", async ({ store }) => {
    const bytes = (n: number) => new Uint8Array([n, n, n]);
    const at = "2026-11-27T10:00:00.000Z";
    const seqs = await store.collab.append([1, 2, 3, 4, 5].map((n) => ({ docName: "doc-a", update: bytes(n), userId: "u", at })));
    await store.collab.append([{ docName: "doc-b", update: bytes(9), userId: "u", at }]);
    assert.equal([...seqs].sort((x, y) => x - y), seqs, "in order");
    let seen: Uint8Array | null = new Uint8Array([0]);
    // Entries 1, 2 and 4 are covered (3 arrived elsewhere and is not in the snapshot): 3 and 5 stay.
    const covered = [seqs[0], seqs[1], seqs[3]] as number[];
    await store.collab.compact(
      "doc-a",
      (existing) => {
        seen = existing;
        return new Uint8Array([7]);
      },
      covered,
      at,
    );
    assert.is(seen, null, "no snapshot before");
    let loaded = await store.collab.load("doc-a");
    assert.equal([...(loaded.snapshot ?? [])], [7]);
    assert.equal(loaded.updates.map((u) => [...u.update]), [[3, 3, 3], [5, 5, 5]]);
    // A second compaction sees the first snapshot and merges with it.
    await store.collab.compact("doc-a", (existing) => new Uint8Array([...(existing ?? []), 8]), [seqs[2] as number, seqs[4] as number], at);
    loaded = await store.collab.load("doc-a");
    assert.equal([...(loaded.snapshot ?? [])], [7, 8]);
    assert.equal(loaded.updates, []);
    assert.equal((await store.collab.load("doc-b")).updates.map((u) => [...u.update]), [[9, 9, 9]], "another doc untouched");
  });

  test("stores a case and reads it back by id and by URN", async ({ store }) => {
    const record = await seedCase(store);
    assert.equal(await store.cases.get("case-1"), record);
    assert.equal(await store.cases.getByUrn("52KB1234526"), record);
    assert.is(await store.cases.get("missing"), undefined);
    assert.is(await store.cases.count(), 1);
  });

  test("lists the organisations of one kind by name", async ({ store }) => {
    await seedCase(store);
    await store.organisations.upsert({ id: "cps-a", name: "CPS Avon", kind: "prosecution" });
    assert.equal((await store.organisations.listByKind("prosecution")).map((o) => o.id), ["cps-a", "cps-test"]);
    assert.equal((await store.organisations.listByKind("defence")).map((o) => o.name), ["Firm A", "Firm B"]);
    assert.equal(await store.organisations.listByKind("court"), []);
  });

  test("refuses a second case with the same URN", async ({ store }) => {
    await seedCase(store);
    try {
      await store.cases.insert({ ...(await store.cases.get("case-1"))!, id: "case-2" });
      assert.unreachable("duplicate URN accepted");
    } catch (error) {
      assert.instance(error, StoreConflictError);
      assert.is((error as StoreConflictError).constraint, "case.urn");
    }
    assert.is(await store.cases.count(), 1);
  });

  test("keeps defendants in order with their offences and hearings", async ({ store }) => {
    await seedCase(store);
    await store.defendants.insert({
      id: "def-2",
      caseId: "case-1",
      firstName: "Ben",
      lastName: "Ayre",
      dateOfBirth: "1985-12-31",
      custody: "custody",
      custodyTimeLimit: "2027-01-15",
      bailConditions: null,
      interpreterLanguage: null,
    });
    const defendants = await store.defendants.listByCase("case-1");
    assert.equal(
      defendants.map((d) => d.id),
      ["def-1", "def-2"],
    );
    assert.is(defendants[0]?.lastName, "Núñez");
    assert.is(defendants[1]?.custodyTimeLimit, "2027-01-15");
    for (const [i, code] of ["TH68001", "CJ88116"].entries()) {
      await store.offences.insert({
        id: `off-${i}`,
        defendantId: "def-1",
        code,
        title: `Offence ${i}`,
        wording: "On 1 October 2026 at Kingsbridge …",
        legislation: "Theft Act 1968, s.1",
        startDate: "2026-10-01",
        modeOfTrial: "either-way",
        plea: "none",
      });
    }
    assert.equal(
      (await store.offences.listByDefendant("def-1")).map((o) => o.code),
      ["TH68001", "CJ88116"],
    );
    await store.hearings.insert({ id: "h-2", caseId: "case-1", courtCode: "KBMC01", courtroom: "Court 2", date: "2027-01-10", startTime: "10:00", type: "trial" });
    await store.hearings.insert({ id: "h-1", caseId: "case-1", courtCode: "KBMC01", courtroom: null, date: "2026-12-03", startTime: "09:30", type: "first-hearing" });
    assert.equal(
      (await store.hearings.listByCase("case-1")).map((h) => h.id),
      ["h-1", "h-2"],
    );
  });

  test("allows at most one open association per defendant, and a new one after it ends", async ({ store }) => {
    await seedCase(store);
    const base = { defendantId: "def-1", startedAt: "2026-11-01T10:00:00.000Z", startedBy: "u1", endedAt: null, endedBy: null };
    await store.associations.insert({ ...base, id: "a-1", organisationId: "firm-a" });
    try {
      await store.associations.insert({ ...base, id: "a-2", organisationId: "firm-b" });
      assert.unreachable("second open association accepted");
    } catch (error) {
      assert.instance(error, StoreConflictError);
    }
    assert.is((await store.associations.openForDefendant("def-1"))?.organisationId, "firm-a");
    assert.ok(await store.associations.end("a-1", "court-user", "2026-11-02T10:00:00.000Z"));
    assert.not.ok(await store.associations.end("a-1", "court-user", "2026-11-02T10:00:00.000Z"), "ended twice");
    assert.is(await store.associations.openForDefendant("def-1"), undefined);
    await store.associations.insert({ ...base, id: "a-3", organisationId: "firm-b" });
    assert.equal(
      (await store.associations.openForCase("case-1")).map((a) => a.organisationId),
      ["firm-b"],
    );
    assert.is((await store.associations.get("a-1"))?.endedBy, "court-user");
  });

  test("keeps document versions and their visibility", async ({ store }) => {
    await seedCase(store);
    const doc = {
      id: "doc-1",
      caseId: "case-1",
      section: "witness-statements" as const,
      title: "Statement of PC Ash",
      version: 1,
      pages: 3,
      bytes: 1234,
      sha256: "a".repeat(64),
      servedAt: "2026-11-20T13:00:00.000Z",
      deemedServedOn: "2026-11-20",
      visibility: ["def-1"],
      servedBy: "pat",
    };
    await store.documents.insert(doc);
    await store.documents.insert({ ...doc, id: "doc-2", version: 2, visibility: "all" as const });
    try {
      await store.documents.insert({ ...doc, id: "doc-3" });
      assert.unreachable("duplicate version accepted");
    } catch (error) {
      assert.instance(error, StoreConflictError);
    }
    const listed = await store.documents.listByCase("case-1");
    assert.equal(
      listed.map((d) => [d.id, d.version, d.visibility]),
      [
        ["doc-1", 1, ["def-1"]],
        ["doc-2", 2, "all"],
      ],
    );
    assert.equal(await store.documents.get("doc-1"), doc);
  });

  test("keeps every version of a direction, and forms with sign-offs", async ({ store }) => {
    await seedCase(store);
    const direction = {
      id: "dir-1",
      caseId: "case-1",
      version: 1,
      templateId: "mc-initial-disclosure",
      text: "The prosecution must serve initial disclosure.",
      responsibleParty: "prosecution",
      dueOn: "2026-12-11",
      legalBasis: "CPIA 1996 s.3",
      issuedAt: "2026-11-20T10:00:00.000Z",
      issuedBy: "lee",
      status: "open" as const,
      templateValues: { date: "11 December 2026" },
    };
    await store.directions.insert(direction);
    await store.directions.insert({ ...direction, version: 2, dueOn: "2026-12-18", issuedAt: "2026-11-21T10:00:00.000Z" });
    assert.equal(
      (await store.directions.listByCase("case-1")).map((d) => [d.version, d.dueOn]),
      [
        [1, "2026-12-11"],
        [2, "2026-12-18"],
      ],
    );
    assert.equal((await store.directions.versions("dir-1")).map((d) => d.templateValues), [{ date: "11 December 2026" }, { date: "11 December 2026" }]);
    await store.directions.addReceipt({ directionId: "dir-1", version: 2, userId: "u", receivedAt: "2026-11-21T10:00:01.000Z" });
    await store.directions.addReceipt({ directionId: "dir-1", version: 2, userId: "u", receivedAt: "2026-11-21T10:09:00.000Z" });
    assert.equal((await store.directions.receipts("case-1")).map((r) => r.receivedAt), ["2026-11-21T10:00:01.000Z"], "first receipt kept");
    assert.ok(await store.directions.addAcknowledgement({ directionId: "dir-1", version: 2, party: "prosecution", userId: "pat", acknowledgedAt: "2026-11-21T11:00:00.000Z" }));
    assert.not.ok(await store.directions.addAcknowledgement({ directionId: "dir-1", version: 2, party: "prosecution", userId: "pat2", acknowledgedAt: "2026-11-21T12:00:00.000Z" }));
    assert.is((await store.directions.acknowledgements("case-1")).length, 1);
    await store.forms.insert({ id: "form-1", caseId: "case-1", type: "PET", createdAt: "2026-11-20T10:00:00.000Z", createdBy: "lee" });
    await store.forms.addSignOff({ id: "s-1", formId: "form-1", party: "prosecution", userId: "pat", signedAt: "2026-11-21T10:00:00.000Z", contentSha256: "b".repeat(64) });
    assert.is((await store.forms.get("form-1"))?.type, "PET");
    assert.is((await store.forms.listByCase("case-1")).length, 1);
    assert.is((await store.forms.listSignOffs("form-1"))[0]?.party, "prosecution");
  });

  const caseTree = (overrides: { id?: string; urn?: string } = {}): CaseTree => {
    const caseId = overrides.id ?? "case-t";
    const person = (id: string, lastName: string) => ({
      id,
      caseId,
      firstName: "Rowan",
      lastName,
      dateOfBirth: "1991-05-06",
      custody: "custody" as const,
      custodyTimeLimit: "2027-01-01",
      bailConditions: null,
      interpreterLanguage: null,
      isYouth: false,
    });
    const offence = (id: string, defendantId: string, code: string) => ({
      id,
      defendantId,
      code,
      title: "Theft",
      wording: "Stole a bicycle",
      legislation: "Theft Act 1968, s.1",
      startDate: "2026-10-01",
      endDate: null,
      modeOfTrial: "either-way" as const,
      indicatedPlea: "no-indication" as const,
      plea: "none" as const,
    });
    return {
      record: { id: caseId, urn: overrides.urn ?? "52KB7654326", jurisdiction: "magistrates", courtCode: "KBMC01", prosecutingOrganisationId: "cps-test", status: "active", sentOn: null },
      defendants: [
        { defendant: person(`${caseId}-d1`, "Zed"), offences: [offence(`${caseId}-o1`, `${caseId}-d1`, "TH68010"), offence(`${caseId}-o2`, `${caseId}-d1`, "CD71039")] },
        { defendant: person(`${caseId}-d2`, "Abel"), offences: [offence(`${caseId}-o3`, `${caseId}-d2`, "TH68010")] },
      ],
      hearings: [{ id: `${caseId}-h1`, caseId, courtCode: "KBMC01", courtroom: "1", date: "2026-12-01", startTime: "10:00", type: "first-hearing", estimatedMinutes: 30, judiciary: ["District Judge (MC) Okafor"] }],
    };
  };

  test("inserts a whole case in one transaction, in the given order, at version 1", async ({ store }) => {
    await seedCase(store);
    await store.cases.insertTree(caseTree());
    assert.is((await store.cases.get("case-t"))?.version, 1);
    const defendants = await store.defendants.listByCase("case-t");
    assert.equal(defendants.map((d) => d.lastName), ["Zed", "Abel"], "positions as given, not by name");
    assert.equal(defendants.map((d) => [d.version, d.isYouth]), [[1, false], [1, false]]);
    assert.equal((await store.offences.listByDefendant("case-t-d1")).map((o) => o.code), ["TH68010", "CD71039"]);
    const [hearing] = await store.hearings.listByCase("case-t");
    assert.equal([hearing?.estimatedMinutes, hearing?.judiciary, hearing?.version], [30, ["District Judge (MC) Okafor"], 1]);
    assert.equal(await store.hearings.get("case-t-h1"), hearing);
  });

  test("keeps an organisation defendant: its name, and no date of birth or custody; found by name", async ({ store }) => {
    await seedCase(store);
    const tree = caseTree();
    const [first] = tree.defendants;
    if (!first) throw new Error("tree has no defendant");
    first.defendant = {
      ...first.defendant,
      kind: "organisation",
      firstName: "",
      lastName: "Zenith Haulage Ltd",
      dateOfBirth: null,
      custody: null,
      custodyTimeLimit: null,
    };
    await store.cases.insertTree(tree);
    const [organisation, person] = await store.defendants.listByCase("case-t");
    assert.equal(
      organisation && [organisation.kind, organisation.firstName, organisation.lastName, organisation.dateOfBirth, organisation.custody, organisation.custodyTimeLimit],
      ["organisation", "", "Zenith Haulage Ltd", null, null, null],
    );
    assert.equal(person && [person.kind, person.dateOfBirth, person.custody], ["person", "1991-05-06", "custody"]);
    const scope = { kind: "prosecution" as const, organisationId: "cps-test" };
    assert.equal(await store.cases.search({ scope, surnamePrefix: "zenith", today: "2026-01-01", limit: 10 }), ["case-t"]);
    assert.equal(await store.cases.search({ scope, surnamePrefix: "zenith", dateOfBirth: "1991-05-06", today: "2026-01-01", limit: 10 }), []);
    const renamed = await store.defendants.update("case-t-d1", 1, { lastName: "Zenith Freight Ltd" });
    assert.equal(renamed.status === "updated" ? [renamed.record.kind, renamed.record.lastName, renamed.record.dateOfBirth] : [], ["organisation", "Zenith Freight Ltd", null]);
  });

  test("refuses a person without a date of birth or custody, and an organisation with a person's fields", async ({ store }) => {
    await seedCase(store);
    const base = { caseId: "case-1", firstName: "Rowan", lastName: "Ash", dateOfBirth: "1991-05-06", custody: "bail" as const, custodyTimeLimit: null, bailConditions: null, interpreterLanguage: null };
    const organisation = { ...base, kind: "organisation" as const, firstName: "", lastName: "Ash Ltd", dateOfBirth: null, custody: null };
    const refused = async (what: string, write: () => Promise<unknown>) => {
      try {
        await write();
      } catch {
        return;
      }
      assert.unreachable(what);
    };
    await refused("a person with no date of birth", () => store.defendants.insert({ ...base, id: "bad-1", dateOfBirth: null }));
    await refused("a person with no custody status", () => store.defendants.insert({ ...base, id: "bad-2", custody: null }));
    await refused("an organisation with a date of birth", () => store.defendants.insert({ ...organisation, id: "bad-3", dateOfBirth: "1991-05-06" }));
    await refused("an organisation in custody", () => store.defendants.insert({ ...organisation, id: "bad-4", custody: "custody" }));
    await store.defendants.insert({ ...organisation, id: "org-1" });
    await refused("an organisation given a date of birth", () => store.defendants.update("org-1", 1, { dateOfBirth: "1991-05-06" }));
    await refused("a person's date of birth removed", () => store.defendants.update("def-1", 1, { dateOfBirth: null }));
    assert.is((await store.defendants.get("org-1"))?.dateOfBirth, null);
    assert.equal((await store.defendants.listByCase("case-1")).map((d) => d.id), ["def-1", "org-1"], "nothing else written");
  });

  test("a whole case with a taken URN leaves nothing behind", async ({ store }) => {
    await seedCase(store);
    try {
      await store.cases.insertTree(caseTree({ urn: "52KB1234526" }));
      assert.unreachable("duplicate URN accepted");
    } catch (error) {
      assert.instance(error, StoreConflictError);
    }
    assert.is(await store.cases.get("case-t"), undefined);
    assert.is(await store.defendants.get("case-t-d1"), undefined);
  });

  test("a versioned update applies on the expected version only, and says stale or missing otherwise", async ({ store }) => {
    await seedCase(store);
    await store.cases.insertTree(caseTree());
    const updated = await store.defendants.update("case-t-d2", 1, { lastName: "Ábelard", isYouth: true, bailConditions: "Curfew" });
    assert.is(updated.status, "updated");
    const record = updated.status === "updated" ? updated.record : undefined;
    assert.equal([record?.lastName, record?.isYouth, record?.bailConditions, record?.version], ["Ábelard", true, "Curfew", 2]);
    const stale = await store.defendants.update("case-t-d2", 1, { lastName: "Other" });
    assert.is(stale.status, "stale");
    assert.is(stale.status === "stale" ? stale.current.lastName : "", "Ábelard", "a stale write changes nothing");
    assert.equal(await store.defendants.update("nobody", 1, { lastName: "X" }), { status: "missing" });
    // The folded surname follows the new name: search finds the defendant by it.
    const found = await store.cases.search({ scope: { kind: "prosecution", organisationId: "cps-test" }, surnamePrefix: "abela", today: "2026-01-01", limit: 10 });
    assert.equal(found, ["case-t"]);

    const sent = await store.cases.update("case-t", 1, { jurisdiction: "crown", status: "sent-to-crown-court", sentOn: "2026-11-02" });
    assert.equal(sent.status === "updated" ? [sent.record.jurisdiction, sent.record.sentOn, sent.record.version] : [], ["crown", "2026-11-02", 2]);
    const offence = await store.offences.update("case-t-o1", 1, { indicatedPlea: "not-guilty", endDate: "2026-10-02" });
    assert.equal(offence.status === "updated" ? [offence.record.indicatedPlea, offence.record.endDate, offence.record.version] : [], ["not-guilty", "2026-10-02", 2]);
    assert.equal(await store.offences.get("case-t-o1"), offence.status === "updated" ? offence.record : undefined);
    const hearing = await store.hearings.update("case-t-h1", 1, { judiciary: [], estimatedMinutes: null, courtroom: "3" });
    assert.equal(hearing.status === "updated" ? [hearing.record.judiciary, hearing.record.estimatedMinutes, hearing.record.courtroom, hearing.record.version] : [], [[], null, "3", 2]);
    assert.is((await store.hearings.update("case-t-h1", 1, { courtroom: "4" })).status, "stale");
  });

  test("rolls back every write of a failed transaction", async ({ store }) => {
    await seedCase(store);
    try {
      await store.transaction(async (tx) => {
        await tx.hearings.insert({ id: "h-x", caseId: "case-1", courtCode: "KBMC01", courtroom: null, date: "2026-12-03", startTime: "09:30", type: "trial" });
        await tx.meta.set("marker", "set");
        throw new Error("boom");
      });
      assert.unreachable("transaction did not throw");
    } catch (error) {
      assert.is((error as Error).message, "boom");
    }
    assert.equal(await store.hearings.listByCase("case-1"), []);
    assert.is(await store.meta.get("marker"), undefined);
  });

  test("a write outside a transaction waits for it and is not rolled back with it", async ({ store }) => {
    await seedCase(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = store
      .transaction(async (tx) => {
        await tx.meta.set("inside", "1");
        await gate;
        throw new Error("abort");
      })
      .catch(() => "aborted");
    const outside = store.meta.set("outside", "1");
    release();
    assert.is(await failing, "aborted");
    await outside;
    assert.is(await store.meta.get("inside"), undefined);
    assert.is(await store.meta.get("outside"), "1");
  });

  test("chains audit entries and names the first broken one", async ({ store }) => {
    const audit = createAuditService(() => new Date("2026-11-27T09:00:00.000Z"));
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record(store, {
          actorId: "u1",
          actorOrganisationId: "firm-a",
          action: "document.viewed",
          subjectType: "document",
          subjectId: `doc-${i}`,
          caseId: "case-1",
          detail: { page: i },
        }),
      ),
    );
    assert.equal(
      entries.map((e) => e.seq).sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.is(await audit.verify(store), null);
    const listed = await store.audit.list({ caseId: "case-1" });
    assert.is(listed.length, 20);
    for (let i = 1; i < listed.length; i++) assert.is(listed[i]?.prevHash, listed[i - 1]?.hash);
  });

  test("keeps sessions by token hash, touches, and expires them by idle and absolute time", async ({ store }) => {
    await store.organisations.upsert({ id: "firm-a", name: "Firm A", kind: "defence" });
    await store.users.upsert(
      { id: "u1@firm-a.example", email: "u1@firm-a.example", displayName: "U One", role: "defence", organisationId: "firm-a", courts: [] },
      "2026-11-27T08:00:00.000Z",
    );
    const base = { userId: "u1@firm-a.example", createdAt: "2026-11-27T08:00:00.000Z", lastSeenAt: "2026-11-27T08:00:00.000Z" };
    await store.sessions.create({ ...base, idHash: "h-old" });
    await store.sessions.create({ ...base, idHash: "h-idle", createdAt: "2026-11-27T09:00:00.000Z", lastSeenAt: "2026-11-27T09:00:00.000Z" });
    await store.sessions.create({ ...base, idHash: "h-live", createdAt: "2026-11-27T09:00:00.000Z", lastSeenAt: "2026-11-27T09:00:00.000Z" });
    await store.sessions.touch("h-live", "2026-11-27T09:40:00.000Z");
    assert.is((await store.sessions.get("h-live"))?.lastSeenAt, "2026-11-27T09:40:00.000Z");
    // Idle before 09:15 or created before 08:30 expire.
    assert.is(await store.sessions.deleteExpired("2026-11-27T09:15:00.000Z", "2026-11-27T08:30:00.000Z"), 2);
    assert.ok(await store.sessions.get("h-live"));
    assert.is(await store.sessions.get("h-old"), undefined);
    assert.ok(await store.sessions.delete("h-live"));
    assert.not.ok(await store.sessions.delete("h-live"));
    await store.sessions.create({ ...base, idHash: "h-a" });
    await store.sessions.create({ ...base, idHash: "h-b" });
    assert.is(await store.sessions.deleteForUser("u1@firm-a.example"), 2);
  });

  if (factory.reopen) {
    const reopen = factory.reopen;
    test("keeps what was written after the store is closed and reopened", async (context) => {
      await seedCase(context.store);
      await context.store.meta.set("k", "v");
      await context.store.close();
      context.store = await reopen();
      assert.is((await context.store.cases.get("case-1"))?.urn, "52KB1234526");
      assert.is(await context.store.meta.get("k"), "v");
    });
  }

  test.run();
}
