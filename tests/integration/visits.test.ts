import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import type { DatabaseHandle } from "@/db";
import { alerts, auditLog, personYearTotals, persons, receiptParameterSets, settlements, visits } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { replaySettlement } from "@/lib/visits/get-settlement";
import { settlementResult } from "@/lib/visits/receipts";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { BACKENDS, createTestDatabase } from "../support/db";
import { enrolled } from "../support/enrolment";
import { confirmedSubmission, pengshuiId, sessionUser } from "../support/registry";

const DIBAO = pengshuiId("1960-05-01", 11);
const TEKUN = pengshuiId("1950-03-02", 23);

const form = (personId: string, over: Record<string, string> = {}) =>
  visitInputSchema.parse({
    personId,
    visitDate: "2024-03-15",
    kind: "inpatient",
    hospitalLevel: "2",
    location: "county",
    referral: "not_required",
    totalCost: "120000.00",
    outOfCatalogCost: "15000.00",
    selfPayFirstCost: "5000.00",
    ...over,
  });

describe.each(BACKENDS)("visit settlement on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    const minzheng = await sessionUser(db, "minzheng");
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-01", [
      { idNumber: DIBAO, name: "冉光明", category: "DIBAO", changeType: "ADD", certifiedOn: "2023-06-01" },
      { idNumber: TEKUN, name: "侯建国", category: "TEKUN", changeType: "ADD", certifiedOn: "2023-06-01" },
    ]);
    await reconcileMonth(db, clerk, { month: "2024-01" });
    for (const [key, idNumber] of [["dibao", DIBAO], ["tekun", TEKUN]] as const) {
      const [p] = await db.select().from(persons).where(eq(persons.idNumber, idNumber));
      ids[key] = p!.id;
      await enrolled(db, clerk, p!.id, 2024);
    }
  });

  /** A 低保 person certified since 2023, enrolled for `year` from `coverageFrom` (or not at all). */
  async function newDibaoPerson(serial: number, enrolment: { year: number; coverageFrom?: string; tier?: 1 | 2 } | null) {
    const { db } = handle;
    const [p] = await db.insert(persons).values({ idNumber: pengshuiId("1966-06-06", serial), name: "田大有", regionCode: "500243", townshipCode: "500243001", birthDate: "1966-06-06" }).returning();
    await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, 'DIBAO', 'MINZHENG', '2023-01-01')`);
    if (enrolment) await enrolled(db, clerk, p!.id, enrolment.year, enrolment);
    return p!.id;
  }

  async function counts() {
    const n = async (table: typeof settlements | typeof auditLog | typeof visits) => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return [await n(settlements), await n(visits), await n(auditLog)];
  }
  afterAll(async () => handle?.close());

  async function totals(personId: string, year = 2024) {
    const [row] = await handle.db.select().from(personYearTotals).where(sql`${personYearTotals.personId} = ${personId} and ${personYearTotals.year} = ${year}`);
    return row;
  }

  test("P-SVC-1: settles a 低保 stay through every tier, stores the engine's result and receipt, and updates the person-year", async () => {
    const { db } = handle;
    const { settlementId } = await settleVisit(db, clerk, form(ids.dibao!));
    const [s] = await db.select().from(settlements).where(eq(settlements.id, settlementId));
    // 69790.00 = (100000 − 300) × 70%; 13786.50 = (30210 − 9000) × 65%; 13138.80 = 16423.50 × 80%
    expect(s).toMatchObject({
      entryType: "settlement",
      resolvedCategory: "DIBAO",
      policyCode: "pengshui-2023",
      basicInsurance: "69790.00",
      criticalIllnessInsurance: "13786.50",
      medicalAssistance: "13138.80",
      tiltedAssistance: "0.00",
      outOfPocket: "23284.70",
    });
    expect(await totals(ids.dibao!)).toMatchObject({ basicPaid: "69790.00", criticalBase: "30210.00", criticalPaid: "13786.50", assistancePaid: "13138.80" });
    // W7's ledger sums move with the entry (P-MON-1's burden = 100000.00 − 69790.00 − 13786.50).
    expect(await totals(ids.dibao!)).toMatchObject({ ledgerPolicyRangeCost: s!.policyRangeCost, ledgerBasicInsurance: "69790.00", ledgerCriticalIllnessInsurance: "13786.50", ledgerSupplementaryInsurance: "0.00" });
    // The stored receipt (parameters kept once) replays to the identical result, steps included.
    const result = await settlementResult(db, s!);
    expect(result.amounts.outOfPocket).toBe("23284.70");
    expect(result.receipt.id).toBe(s!.receiptId);
    expect(result.steps.map((step) => step.ruleId)).toContain("P-TILT-2");
    expect(await replaySettlement(db, clerk, settlementId)).toEqual({ identical: true, receiptId: s!.receiptId });
    // Reversed and settled again, the same request gives the same receipt, and its parameters
    // are the set already stored: nothing new is written to receipt_parameter_sets.
    const parameterSets = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(receiptParameterSets))[0]!.n;
    const before = await parameterSets();
    await reverseSettlement(db, clerk, { settlementId, reason: "重新结算" });
    const again = await settleVisit(db, clerk, form(ids.dibao!));
    const [s2] = await db.select().from(settlements).where(eq(settlements.id, again.settlementId));
    expect(s2!.receiptParameterSet).toBe(s!.receiptParameterSet);
    expect(s2!.receiptId).toBe(s!.receiptId);
    expect(await parameterSets()).toBe(before);
  });

  test("reversal restores every accumulator exactly; the ledger keeps both entries; a second reversal changes nothing", async () => {
    const { db } = handle;
    const before = await totals(ids.tekun!);
    const { settlementId } = await settleVisit(db, clerk, form(ids.tekun!, { kind: "inpatient", specialDisease: "on", hospitalLevel: "3", totalCost: "50000.55" }));
    expect(await totals(ids.tekun!)).not.toEqual(before);
    expect((await totals(ids.tekun!))!.ledgerPolicyRangeCost).not.toBe(before?.ledgerPolicyRangeCost ?? "0.00");
    const { reversalId } = await reverseSettlement(db, clerk, { settlementId, reason: "医院退费重结" });
    const after = await totals(ids.tekun!);
    const pick = (t: typeof after) => t && { ...t, updatedAt: undefined };
    expect(pick(after)).toEqual(pick(before ?? { ...after!, basicPaid: "0.00", criticalBase: "0.00", criticalPaid: "0.00", supplementaryPaid: "0.00", assistancePaid: "0.00", assistanceOtherDiseasePaid: "0.00", tiltedPaid: "0.00", assistanceDeductibleMet: "0.00", ledgerPolicyRangeCost: "0.00", ledgerBasicInsurance: "0.00", ledgerCriticalIllnessInsurance: "0.00", ledgerSupplementaryInsurance: "0.00" }));
    const ledger = await db.select().from(settlements).where(eq(settlements.personId, ids.tekun!));
    expect(ledger.map((l) => l.entryType).sort()).toEqual(["reversal", "settlement"]);
    const reversal = ledger.find((l) => l.id === reversalId)!;
    const original = ledger.find((l) => l.id === settlementId)!;
    expect(reversal.totalCost).toBe("-50000.55");
    expect(reversal.medicalAssistance).toBe(`-${original.medicalAssistance}`);
    expect(await reverseSettlement(db, clerk, { settlementId, reason: "重复点击" })).toEqual({ reversalId, existing: true });
    await expect(reverseSettlement(db, clerk, { settlementId: reversalId, reason: "冲销冲销" })).rejects.toThrow("冲销记录本身不能再冲销");
  });

  test("re-importing a hospital's settlement number returns the first settlement", async () => {
    const { db } = handle;
    const first = await settleVisit(db, clerk, form(ids.tekun!, { externalVisitNumber: "PS-2024-000123", totalCost: "800.00", outOfCatalogCost: "", selfPayFirstCost: "", kind: "outpatient_general", hospitalLevel: "1" }));
    const again = await settleVisit(db, clerk, form(ids.tekun!, { externalVisitNumber: "PS-2024-000123", totalCost: "800.00", outOfCatalogCost: "", selfPayFirstCost: "", kind: "outpatient_general", hospitalLevel: "1" }));
    expect(again).toEqual({ settlementId: first.settlementId, existing: true });
    expect(await db.select().from(visits).where(eq(visits.externalVisitNumber, "PS-2024-000123"))).toHaveLength(1);
  });

  test.each([
    ["a negative amount", { totalCost: "-5.00" }, "totalCost"],
    ["three decimals", { totalCost: "100.123" }, "totalCost"],
    ["out-of-catalogue above the total", { totalCost: "100.00", outOfCatalogCost: "200.00", selfPayFirstCost: "" }, "outOfCatalogCost"],
  ])("bad input — %s — is refused naming the field, nothing written", async (_label, over, field) => {
    const { db } = handle;
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(settlements))[0]!.n;
    const audits = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const [n, a] = [await count(), await audits()];
    const error = await settleVisit(db, clerk, form(ids.dibao!, over)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_VISIT" });
    expect(Object.keys((error as { fieldErrors: Record<string, string> }).fieldErrors)).toEqual([field]);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect([await count(), await audits()]).toEqual([n, a]);
  });

  test("P-BASIC-6: a person without an enrolment for the year, or a visit before cover starts, is refused naming the visit date; nothing written", async () => {
    const notEnrolled = await newDibaoPerson(71, null);
    const late = await newDibaoPerson(72, { year: 2024, coverageFrom: "2024-04-01" });
    const before = await counts();
    await expect(settleVisit(handle.db, clerk, form(notEnrolled))).rejects.toMatchObject({
      code: "NOT_ENROLLED",
      message: "该人员没有2024年度的参保登记，不能结算；请先登记参保",
      fieldErrors: { visitDate: "该人员2024年度未参保" },
    });
    await expect(settleVisit(handle.db, clerk, form(late, { visitDate: "2024-03-31" }))).rejects.toMatchObject({
      code: "BEFORE_COVERAGE",
      fieldErrors: { visitDate: "就诊日期早于参保待遇生效日期（2024年4月1日），不能结算" },
    });
    expect(await counts()).toEqual(before);
    // From the first day of cover it settles.
    await expect(settleVisit(handle.db, clerk, form(late, { visitDate: "2024-04-01" }))).resolves.toMatchObject({ existing: false });
  });

  test("the insurance tier is the enrolment's: a tier-2 enrolee gets the tier-2 basic ratio", async () => {
    const tier2 = await newDibaoPerson(73, { year: 2024, tier: 2 });
    const { settlementId } = await settleVisit(handle.db, clerk, form(tier2));
    const [s] = await handle.db.select().from(settlements).where(eq(settlements.id, settlementId));
    expect(s!.basicInsurance).toBe("74775.00"); // (100000 − 300) × 75% (level 2, tier 2)
  });

  test("W7: crossing the alert threshold opens one alert per person-year and level, and only once", async () => {
    const { db } = handle;
    const personId = await newDibaoPerson(74, { year: 2024 });
    const ofPerson = () => db.select().from(alerts).where(eq(alerts.personId, personId)).orderBy(alerts.level);
    // 8000 at a level-2 hospital: basic (8000 − 300) × 70% = 5390.00, critical 0 (base 2610 < the 低保 deductible 9000):
    // the year's self-pay after insurance is 2610.00, below ¥10,410.00 (20820 × 50%, P-MON-2 example values).
    await settleVisit(db, clerk, form(personId, { totalCost: "8000.00", outOfCatalogCost: "", selfPayFirstCost: "" }));
    expect(await ofPerson()).toEqual([]);
    // The 100,000 policy-range stay: basic 69790.00, critical (32820 − 9000) × 65% = 15483.00 → 30210 − 15483 = 14727.00 more.
    const { settlementId } = await settleVisit(db, clerk, form(personId));
    expect(await ofPerson()).toMatchObject([{ level: 1, year: 2024, state: "OPEN", burden: "17337.00", threshold: "10410.00", settlementId }]);
    // Another such stay reaches the basic cap (80000 − 75180 = 4820.00 left): critical 95180 × 65% = 61867.00,
    // 95180 − 61867 = 33313.00 more → 50650.00 > 20820.00 opens level 2; level 1 stays single.
    await settleVisit(db, clerk, form(personId));
    expect((await ofPerson()).map((a) => [a.level, a.burden, a.threshold])).toEqual([
      [1, "17337.00", "10410.00"],
      [2, "50650.00", "20820.00"],
    ]);
  });

  test("a person of another county is not found", async () => {
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    await expect(settleVisit(handle.db, outsider, form(ids.dibao!))).rejects.toMatchObject({ status: 404 });
  });

  test.runIf(kind === "postgres")(
    "20 settlements of one 低保 person in parallel: assistance stops exactly at ¥100,000 and tilted at ¥20,000, every settlement stored",
    async () => {
      const { db } = handle;
      const p = { id: await newDibaoPerson(66, { year: 2025 }) };
      const runs = Array.from({ length: 20 }, () =>
        settleVisit(db, clerk, form(p!.id, { specialDisease: "on", totalCost: "100000.00", outOfCatalogCost: "", selfPayFirstCost: "", visitDate: "2025-04-01" })),
      );
      const results = await Promise.all(runs);
      expect(new Set(results.map((r) => r.settlementId)).size).toBe(20);
      const ledger = await db.select().from(settlements).where(eq(settlements.personId, p!.id));
      expect(ledger).toHaveLength(20);
      const sum = (k: "medicalAssistance" | "tiltedAssistance") => ledger.reduce((acc, s) => acc.plus(s[k]), new Decimal(0)).toFixed(2);
      expect(sum("medicalAssistance")).toBe("100000.00");
      expect(sum("tiltedAssistance")).toBe("20000.00");
      expect(await totals(p!.id, 2025)).toMatchObject({ assistancePaid: "100000.00", tiltedPaid: "20000.00" });
      // Concurrent crossings open each alert level once.
      expect((await db.select().from(alerts).where(eq(alerts.personId, p!.id))).map((a) => a.level).sort()).toEqual([1, 2]);
    },
    60_000,
  );
});
