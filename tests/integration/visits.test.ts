import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import type { DatabaseHandle } from "@/db";
import { auditLog, personYearTotals, persons, receiptParameterSets, settlements, visits } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { replaySettlement } from "@/lib/visits/get-settlement";
import { settlementResult } from "@/lib/visits/receipts";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { BACKENDS, createTestDatabase } from "../support/db";
import { confirmedSubmission, pengshuiId, sessionUser } from "../support/registry";

const DIBAO = pengshuiId("1960-05-01", 11);
const TEKUN = pengshuiId("1950-03-02", 23);

const form = (personId: string, over: Record<string, string> = {}) =>
  visitInputSchema.parse({
    personId,
    visitDate: "2024-03-15",
    insuranceTier: "1",
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
    }
  });
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
    const { reversalId } = await reverseSettlement(db, clerk, { settlementId, reason: "医院退费重结" });
    const after = await totals(ids.tekun!);
    const pick = (t: typeof after) => t && { ...t, updatedAt: undefined };
    expect(pick(after)).toEqual(pick(before ?? { ...after!, basicPaid: "0.00", criticalBase: "0.00", criticalPaid: "0.00", supplementaryPaid: "0.00", assistancePaid: "0.00", assistanceOtherDiseasePaid: "0.00", tiltedPaid: "0.00", assistanceDeductibleMet: "0.00" }));
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

  test("a person of another county is not found", async () => {
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    await expect(settleVisit(handle.db, outsider, form(ids.dibao!))).rejects.toMatchObject({ status: 404 });
  });

  test.runIf(kind === "postgres")(
    "20 settlements of one 低保 person in parallel: assistance stops exactly at ¥100,000 and tilted at ¥20,000, every settlement stored",
    async () => {
      const { db } = handle;
      const [p] = await db.insert(persons).values({ idNumber: pengshuiId("1966-06-06", 66), name: "田大有", regionCode: "500243", townshipCode: "500243001", birthDate: "1966-06-06" }).returning();
      await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, 'DIBAO', 'MINZHENG', '2023-01-01')`);
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
    },
    60_000,
  );
});
