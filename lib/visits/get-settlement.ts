import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { personYearTotals, persons, regions, settlements, visits } from "@/db/schema";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { maskIdNumber } from "@/lib/registry/id-number";
import { canonicalJson } from "@/lib/settlement";
import { settlementResult } from "./receipts";

/** One ledger entry with its visit and person (ID masked), and its reversal if any: the single statement (一单制). */
export async function getSettlement(db: DbOrTx, actor: SessionUser, settlementId: string) {
  const [row] = await db
    .select({ settlement: settlements, visit: visits, person: persons, township: regions.name })
    .from(settlements)
    .innerJoin(visits, eq(visits.id, settlements.visitId))
    .innerJoin(persons, eq(persons.id, settlements.personId))
    .leftJoin(regions, eq(regions.code, persons.townshipCode))
    .where(eq(settlements.id, settlementId))
    .limit(1);
  if (!row) throw new AuthError(404, "NOT_FOUND", "未找到该结算");
  assertInScope(actor, { permission: "visit.settle", region: row.settlement.regionCode });
  const [reversal] = await db.select().from(settlements).where(eq(settlements.reversesId, row.settlement.id)).limit(1);
  const { idNumber, ...person } = row.person;
  return {
    settlement: row.settlement,
    result: await settlementResult(db, row.settlement),
    visit: row.visit,
    person: { ...person, maskedIdNumber: maskIdNumber(idNumber), township: row.township },
    reversal: reversal ?? null,
  };
}

/**
 * Replays a stored settlement from its receipt (the parameters as they were) and says
 * whether it gives the ledger's amounts and year-to-date totals to the fen.
 */
export async function replaySettlement(db: DbOrTx, actor: SessionUser, settlementId: string) {
  const { settlement, result } = await getSettlement(db, actor, settlementId);
  const sign = settlement.entryType === "reversal" ? "-" : "";
  const stored = [settlement.basicInsurance, settlement.criticalIllnessInsurance, settlement.supplementaryInsurance, settlement.medicalAssistance, settlement.tiltedAssistance, settlement.outOfPocket];
  const a = result.amounts;
  const replayed = [a.basicInsurance, a.criticalIllnessInsurance, a.supplementaryInsurance, a.medicalAssistance, a.tiltedAssistance, a.outOfPocket].map((v) => (sign && v !== "0.00" ? `${sign}${v}` : v));
  const totalsMatch = settlement.entryType === "reversal" || canonicalJson(result.yearToDateAfter) === canonicalJson(settlement.yearToDateAfter);
  return { identical: canonicalJson(replayed) === canonicalJson(stored) && totalsMatch, receiptId: settlement.receiptId };
}

/** A person's ledger for a year and the year's totals (W3 person page, W5). */
export async function listPersonYear(db: DbOrTx, actor: SessionUser, personId: string, year: number) {
  const [person] = await db.select({ regionCode: persons.regionCode }).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
  assertInScope(actor, { permission: "beneficiary.read", region: person.regionCode });
  const entries = await db
    .select({ settlement: settlements, visitDate: visits.visitDate, kind: visits.kind, hospitalName: visits.hospitalName })
    .from(settlements)
    .innerJoin(visits, eq(visits.id, settlements.visitId))
    .where(and(eq(settlements.personId, personId), eq(settlements.year, year)))
    .orderBy(asc(visits.visitDate), asc(settlements.createdAt));
  const [totals] = await db.select().from(personYearTotals).where(and(eq(personYearTotals.personId, personId), eq(personYearTotals.year, year)));
  return { entries, totals: totals ?? null };
}

export async function latestSettlementYear(db: DbOrTx, personId: string): Promise<number | null> {
  const [row] = await db.select({ year: settlements.year }).from(settlements).where(eq(settlements.personId, personId)).orderBy(desc(settlements.year)).limit(1);
  return row?.year ?? null;
}
