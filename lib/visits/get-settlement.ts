import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { personYearTotals, persons, regions, settlements, visits } from "@/db/schema";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { maskIdNumber } from "@/lib/registry/id-number";
import { canonicalJson, replay, type SettlementResult } from "@/lib/settlement";

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
    result: row.settlement.result as SettlementResult,
    visit: row.visit,
    person: { ...person, maskedIdNumber: maskIdNumber(idNumber), township: row.township },
    reversal: reversal ?? null,
  };
}

/** Replays a stored settlement from its receipt (parameters as they were) and says whether it matches. */
export async function replaySettlement(db: DbOrTx, actor: SessionUser, settlementId: string) {
  const { result } = await getSettlement(db, actor, settlementId);
  const replayed = replay(result.receipt);
  // jsonb does not keep key order: compare canonical forms.
  return { identical: canonicalJson(replayed) === canonicalJson(result), receiptId: result.receipt.id };
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
