import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { identities, listSubmissionRows, persons, reconciliationConflicts, snapshotMembers } from "@/db/schema";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { resolveConflict } from "@/lib/registry/resolve-conflict";
import { getPerson, searchPersons } from "@/lib/registry/persons";
import { listMonthDifferences } from "@/lib/registry/month-differences";
import type { SessionUser } from "@/lib/auth/types";
import { BACKENDS, createTestDatabase } from "../support/db";
import { confirmedSubmission, pengshuiId, sessionUser } from "../support/registry";

const A = pengshuiId("1960-05-01", 11); // 低保 by 民政, 返贫致贫 by 乡村振兴
const B = pengshuiId("1975-02-14", 23); // names differ between lists
const C = pengshuiId("1988-11-30", 35); // removed by 民政, added by 残联

describe.each(BACKENDS)("reconciliation on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let minzheng: SessionUser;
  let xiangcun: SessionUser;
  let canlian: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    clerk = await sessionUser(handle.db, "clerk");
    minzheng = await sessionUser(handle.db, "minzheng");
    xiangcun = await sessionUser(handle.db, "xiangcun");
    canlian = await sessionUser(handle.db, "canlian");
  });
  afterAll(async () => handle?.close());

  async function personId(idNumber: string) {
    const [p] = await handle.db.select().from(persons).where(eq(persons.idNumber, idNumber));
    return p!.id;
  }

  test("P-ID-2 / P-ID-I1: 低保 (民政) + 返贫致贫 (乡村振兴) resolves to 低保; when 低保 ends, 返贫致贫 from that date", async () => {
    const { db } = handle;
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-01", [
      { idNumber: A, name: "冉光明", category: "DIBAO", changeType: "ADD", certifiedOn: "2023-06-01" },
      { idNumber: C, name: "田小芳", category: "DIBIAN", changeType: "ADD", certifiedOn: "2023-09-01" },
    ]);
    await confirmedSubmission(db, xiangcun, "XIANGCUN", "2024-01", [
      { idNumber: A, name: "冉光明", category: "FANPIN", changeType: "ADD", certifiedOn: "2023-08-15" },
    ]);
    const { run, snapshot } = await reconcileMonth(db, clerk, { month: "2024-01" });
    expect(run.status).toBe("completed");
    expect(run.summary).toMatchObject({ added: 3, removed: 0, conflicts: 0, newPersons: 2 });
    expect(snapshot?.counts).toMatchObject({ asOf: "2024-01-31", total: 2, byCategory: { DIBAO: 1, DIBIAN: 1 }, additions: 2 });

    const a = await personId(A);
    const page = await getPerson(db, clerk, a, "2024-01-20");
    expect(page.today.category).toBe("DIBAO");
    expect(page.today.reason).toContain("低保对象");
    expect(page.today.reason).toContain("返贫致贫人口");
    expect(page.identities.map((i) => [i.category, i.department, i.validFrom, i.validTo])).toEqual([
      ["DIBAO", "MINZHENG", "2023-06-01", null],
      ["FANPIN", "XIANGCUN", "2023-08-15", null],
    ]);

    // February: 民政 removes the 低保 identity from 2024-02-10.
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-02", [
      { idNumber: A, name: "冉光明", category: "DIBAO", changeType: "REMOVE", certifiedOn: "2024-02-10" },
    ]);
    const feb = await reconcileMonth(db, clerk, { month: "2024-02" });
    expect(feb.run.summary).toMatchObject({ added: 0, removed: 1, conflicts: 0 });
    expect((await getPerson(db, clerk, a, "2024-02-09")).today.category).toBe("DIBAO");
    expect((await getPerson(db, clerk, a, "2024-02-10")).today.category).toBe("FANPIN");
    const timeline = (await getPerson(db, clerk, a, "2024-03-01")).timeline.map((t) => [t.from, t.to, t.category]);
    // A new interval starts whenever the identities in force change (the reason changes too).
    expect(timeline).toEqual([
      ["2023-06-01", "2023-08-15", "DIBAO"],
      ["2023-08-15", "2024-02-10", "DIBAO"],
      ["2024-02-10", null, "FANPIN"],
    ]);
    expect(feb.snapshot?.counts).toMatchObject({ total: 2, byCategory: { FANPIN: 1, DIBIAN: 1 }, changes: 1, additions: 0, removals: 0 });
  });

  test("re-running a month changes nothing (idempotent), as a new version", async () => {
    const { db } = handle;
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(identities);
    const again = await reconcileMonth(db, clerk, { month: "2024-01" });
    expect(again.run.version).toBe(2);
    expect(again.run.summary).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(identities)).toEqual(before);
  });

  test("conflicts wait for a clerk; 'not a conflict' is remembered next month", async () => {
    const { db } = handle;
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-03", [
      { idNumber: B, name: "侯建国", category: "TEKUN", changeType: "ADD", certifiedOn: "2024-03-01" },
      { idNumber: C, name: "田小芳", category: "DIBIAN", changeType: "REMOVE", certifiedOn: "2024-03-05" },
    ]);
    await confirmedSubmission(db, canlian, "CANLIAN", "2024-03", [
      { idNumber: B, name: "侯建图", category: "ZHONGCAN", changeType: "ADD", certifiedOn: "2024-03-02" },
      { idNumber: C, name: "田小芳", category: "ZHONGCAN", changeType: "ADD", certifiedOn: "2024-03-05" },
    ]);
    const { run, snapshot } = await reconcileMonth(db, clerk, { month: "2024-03" });
    expect(run.status).toBe("needs_review");
    expect(snapshot).toBeNull();
    const conflicts = await db.select().from(reconciliationConflicts).where(eq(reconciliationConflicts.runId, run.id));
    expect(conflicts.map((c) => c.kind).sort()).toEqual(["ADDED_AND_REMOVED", "NAME_MISMATCH"]);
    // Held rows are not applied yet.
    expect(await db.select().from(persons).where(eq(persons.idNumber, B))).toHaveLength(0);

    const nameConflict = conflicts.find((c) => c.kind === "NAME_MISMATCH")!;
    await expect(resolveConflict(db, clerk, { conflictId: nameConflict.id, decision: "apply", reason: "核实" })).rejects.toThrow("请选择正确的姓名");
    await resolveConflict(db, clerk, { conflictId: nameConflict.id, decision: "apply", name: "侯建国", reason: "电话核实，残联名单笔误" });
    const [b] = await db.select().from(persons).where(eq(persons.idNumber, B));
    expect(b!.name).toBe("侯建国");
    // A double click changes nothing.
    await resolveConflict(db, clerk, { conflictId: nameConflict.id, decision: "apply", name: "侯建国", reason: "重复" });

    const moved = conflicts.find((c) => c.kind === "ADDED_AND_REMOVED")!;
    const result = await resolveConflict(db, clerk, { conflictId: moved.id, decision: "not_conflict", reason: "转为重度残疾人员，属正常变动" });
    expect(result.runCompleted).toBe(true);
    const c = await getPerson(db, clerk, await personId(C), "2024-03-20");
    expect(c.today.category).toBe("ZHONGCAN");
    const outcomes = await db.select({ outcome: listSubmissionRows.outcome }).from(listSubmissionRows).where(eq(listSubmissionRows.idNumber, C));
    expect(outcomes.map((o) => o.outcome)).not.toContain("conflict");

    // Next month the same pair is not raised again.
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-04", [{ idNumber: C, name: "田小芳", category: "DIBIAN", changeType: "REMOVE", certifiedOn: "2024-03-05" }]);
    await confirmedSubmission(db, canlian, "CANLIAN", "2024-04", [{ idNumber: C, name: "田小芳", category: "ZHONGCAN", changeType: "ADD", certifiedOn: "2024-03-05" }]);
    const april = await reconcileMonth(db, clerk, { month: "2024-04" });
    expect(april.run.status).toBe("completed");
    expect(april.run.summary).toMatchObject({ conflicts: 0 });
  });

  test("W3 lookup: fuzzy Chinese name, masked IDs; another county sees nothing", async () => {
    const { db } = handle;
    const hits = await searchPersons(db, clerk, { name: "冉明" });
    expect(hits.map((h) => h.name)).toEqual(["冉光明"]);
    expect(hits[0]!.maskedIdNumber).toBe(`500243********${A.slice(-4)}`);
    expect(JSON.stringify(hits)).not.toContain(A);
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000001", regionScope: "500242" };
    expect(await searchPersons(db, outsider, { idNumber: A })).toEqual([]);
    await expect(getPerson(db, outsider, await personId(A), "2024-03-01")).rejects.toMatchObject({ status: 404 });
    const members = await db.select({ n: sql<number>`count(*)::int` }).from(snapshotMembers);
    expect(Number(members[0]!.n)).toBeGreaterThan(0);
  });

  test("a removal (减少) of someone the registry never held changes nothing, says so, and makes no person", async () => {
    const { db } = handle;
    const D = pengshuiId("1990-03-03", 47);
    const submission = await confirmedSubmission(db, minzheng, "MINZHENG", "2024-05", [
      { idNumber: D, name: "何不在", category: "DIBAO", changeType: "REMOVE", certifiedOn: "2024-05-06" },
    ]);
    const personsBefore = await db.select({ n: sql<number>`count(*)::int` }).from(persons);
    const { run } = await reconcileMonth(db, clerk, { month: "2024-05" });
    expect(run.summary).toMatchObject({ added: 0, removed: 0, unchanged: 1, newPersons: 0, conflicts: 0 });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(persons)).toEqual(personsBefore);
    const rows = await db.select({ outcome: listSubmissionRows.outcome, note: listSubmissionRows.note }).from(listSubmissionRows).where(eq(listSubmissionRows.submissionId, submission.id));
    expect(rows).toEqual([{ outcome: "unchanged", note: "不在名册中，无需减少" }]);
  });

  test("persons are never deleted: identities and snapshots name them without a foreign key", async () => {
    const refusal = await handle.db.execute(sql`delete from persons where id_number = ${A}`).catch((e: Error) => e.cause);
    expect(String(refusal)).toMatch(/persons are never deleted/);
    expect(await personId(A)).toBeTruthy();
  });

  test("month-over-month difference per department: new, left, category changed", async () => {
    const { db } = handle;
    const jan = await listMonthDifferences(db, clerk, "2024-01");
    expect(jan.map((d) => [d.department, d.kind, d.name, d.to])).toEqual([
      ["MINZHENG", "new", "冉光明", "DIBAO"],
      ["MINZHENG", "new", "田小芳", "DIBIAN"],
      ["XIANGCUN", "new", "冉光明", "FANPIN"],
    ]);
    const feb = await listMonthDifferences(db, clerk, "2024-02");
    expect(feb.map((d) => [d.department, d.kind, d.from])).toEqual([["MINZHENG", "left", "DIBAO"]]);
  });
});
