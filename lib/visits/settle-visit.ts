import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { executeRows, type Db, type Tx } from "@/db/client";
import { enrolments, identities, LEDGER_AMOUNT_COLUMNS, LEDGER_SUM_COLUMNS, LEDGER_SUM_FIELDS, personYearTotals, persons, settlements, visits, YEAR_TO_DATE_COLUMNS } from "@/db/schema";
import { textArray } from "@/db/bulk";
import type { CategoryCode } from "@/db/schema/enums";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { categoriesOn } from "@/lib/registry/categories-on";
import { countyOf } from "@/lib/registry/county-of";
import { EngineError, simulate, YEAR_TO_DATE_FIELDS, type SettlementResult, type YearToDate } from "@/lib/settlement";
import { formatDate } from "@/lib/labels";
import { openAlertsAfterSettlement } from "@/lib/alerts/open-alerts";
import { addToMonthTotals } from "@/lib/reports/month-totals";
import { storeReceiptParameters } from "./receipts";
import { ENGINE_FIELD_TO_INPUT, type VisitInput } from "./schemas";


/**
 * The person-year's totals, locked for this transaction: concurrent settlements of the
 * same person-year wait here, so no cap is exceeded together (W5).
 */
export async function lockYearToDate(tx: Tx, personId: string, year: number): Promise<YearToDate> {
  await tx.insert(personYearTotals).values({ personId, year }).onConflictDoNothing();
  const [row] = await executeRows<Record<string, string>>(
    tx,
    sql`select ${sql.raw(Object.values(YEAR_TO_DATE_COLUMNS).map((c) => `${c}::text as "${c}"`).join(", "))}
        from person_year_totals where person_id = ${personId} and year = ${year} for update`,
  );
  return Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [f, row![YEAR_TO_DATE_COLUMNS[f]]!])) as YearToDate;
}

export async function writeYearToDate(tx: Tx, personId: string, year: number, totals: YearToDate): Promise<void> {
  await tx
    .update(personYearTotals)
    .set({ ...totals, updatedAt: sql`now()` })
    .where(and(eq(personYearTotals.personId, personId), eq(personYearTotals.year, year)));
}

/**
 * Adds ledger entries to their person-years' running sums (the burden W7 measures), in the
 * transaction that wrote them, after the rows were locked. A reversal's amounts are negative.
 */
export async function addToLedgerSums(tx: Tx, settlementIds: readonly string[]): Promise<void> {
  await executeRows(
    tx,
    sql`update person_year_totals t set ${sql.raw(LEDGER_SUM_FIELDS.map((f) => `${LEDGER_SUM_COLUMNS[f]} = t.${LEDGER_SUM_COLUMNS[f]} + s.${LEDGER_AMOUNT_COLUMNS[f]}`).join(", "))}
        from (select person_id, year, ${sql.raw(LEDGER_SUM_FIELDS.map((f) => `sum(${LEDGER_AMOUNT_COLUMNS[f]}) as ${LEDGER_AMOUNT_COLUMNS[f]}`).join(", "))}
              from settlements where id = any(${textArray(settlementIds)}::uuid[]) group by person_id, year) s
        where t.person_id = s.person_id and t.year = s.year`,
  );
}

/**
 * The enrolment that covers the visit (P-BASIC-6: a late enrolee is covered from the day
 * after payment, or the next month, as the enrolment recorded): no enrolment for the year,
 * or a visit before cover starts, cannot be settled.
 */
async function coveringEnrolment(tx: Tx, personId: string, visitDate: string) {
  const year = Number(visitDate.slice(0, 4));
  const [enrolment] = await tx
    .select({ insuranceTier: enrolments.insuranceTier, coverageFrom: enrolments.coverageFrom })
    .from(enrolments)
    .where(and(eq(enrolments.personId, personId), eq(enrolments.year, year)))
    .limit(1);
  if (!enrolment) {
    throw new UserFacingError("NOT_ENROLLED", `该人员没有${year}年度的参保登记，不能结算；请先登记参保`, { visitDate: `该人员${year}年度未参保` });
  }
  if (visitDate < enrolment.coverageFrom) {
    const message = `就诊日期早于参保待遇生效日期（${formatDate(enrolment.coverageFrom)}），不能结算`;
    throw new UserFacingError("BEFORE_COVERAGE", message, { visitDate: message });
  }
  return enrolment;
}

function engineRefusal(error: EngineError): UserFacingError {
  const field = error.field ? (ENGINE_FIELD_TO_INPUT[error.field] ?? error.field) : undefined;
  return new UserFacingError("INVALID_VISIT", error.message, field ? { [field]: error.message } : undefined);
}

/**
 * W5: records a visit and settles it through every tier in one transaction — the
 * category on the visit date from the registry, the person-year's locked totals, the
 * engine, the ledger entry with the amounts and the decision receipt (which replays to the
 * whole result with its steps), and the new totals. A hospital
 * settlement number makes a second import of the same visit return the first settlement.
 */
export async function settleVisit(db: Db, actor: SessionUser, input: VisitInput) {
  const regionCode = countyOf(actor);
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(persons).where(eq(persons.id, input.personId)).limit(1);
    if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
    assertInScope(actor, { permission: "visit.settle", region: person.regionCode });

    if (input.externalVisitNumber) {
      const [existing] = await executeRows<{ settlement_id: string }>(
        tx,
        sql`select s.id as settlement_id from visits v join settlements s on s.visit_id = v.id
            where v.region_code = ${regionCode} and v.external_visit_number = ${input.externalVisitNumber}
            order by s.created_at limit 1`,
      );
      if (existing) return { settlementId: existing.settlement_id, existing: true };
    }

    const year = Number(input.visitDate.slice(0, 4));
    const { insuranceTier } = await coveringEnrolment(tx, person.id, input.visitDate);
    const yearToDate = await lockYearToDate(tx, person.id, year);
    const { kind, hospitalLevel, location, referral, specialDisease, transferFromLevel } = input;
    const visitFacts = { kind, hospitalLevel, location, referral, specialDisease, transferFromLevel };
    let result: SettlementResult;
    try {
      result = simulate({
        region: person.regionCode, // P-ASSIST-6: the standards of the county that certified the person
        date: input.visitDate,
        person: { categories: await categoriesOn(tx, person.id, input.visitDate), insuranceTier },
        visit: {
          ...visitFacts,
          totalCost: input.totalCost,
          outOfCatalogCost: input.outOfCatalogCost,
          selfPayFirstCost: input.selfPayFirstCost,
        },
        yearToDate,
      });
    } catch (error) {
      if (error instanceof EngineError) throw engineRefusal(error);
      throw error;
    }

    const a = result.amounts;
    const [visit] = await tx
      .insert(visits)
      .values({
        regionCode,
        personId: person.id,
        externalVisitNumber: input.externalVisitNumber,
        hospitalName: input.hospitalName,
        visitDate: input.visitDate,
        ...visitFacts,
        totalCost: a.totalCost,
        outOfCatalogCost: a.outOfCatalogCost,
        selfPayFirstCost: a.selfPayFirstCost,
        createdBy: actor.id,
      })
      .returning({ id: visits.id });
    const [settlement] = await tx
      .insert(settlements)
      .values({
        visitId: visit!.id,
        personId: person.id,
        regionCode,
        year,
        entryType: "settlement",
        policyCode: result.policy.code,
        parameterVersion: result.policy.parameterVersion,
        receiptId: result.receipt.id,
        resolvedCategory: result.resolvedCategory,
        totalCost: a.totalCost,
        policyRangeCost: a.policyRangeCost,
        basicInsurance: a.basicInsurance,
        criticalIllnessInsurance: a.criticalIllnessInsurance,
        supplementaryInsurance: a.supplementaryInsurance,
        medicalAssistance: a.medicalAssistance,
        tiltedAssistance: a.tiltedAssistance,
        outOfPocket: a.outOfPocket,
        yearToDateBefore: yearToDate,
        yearToDateAfter: result.yearToDateAfter,
        engineVersion: result.receipt.engineVersion,
        receiptRequest: result.receipt.request,
        receiptParameterSet: await storeReceiptParameters(tx, result.receipt),
        createdBy: actor.id,
      })
      .returning({ id: settlements.id });
    await writeYearToDate(tx, person.id, year, result.yearToDateAfter);
    await addToLedgerSums(tx, [settlement!.id]);
    await addToMonthTotals(tx, [settlement!.id]);
    await openAlertsAfterSettlement(tx, { personId: person.id, regionCode: person.regionCode, year, date: input.visitDate, settlementId: settlement!.id });
    await recordAudit(tx, {
      actor,
      action: "visit.settle",
      targetType: "settlement",
      targetId: settlement!.id,
      details: { year, policy: result.policy.code, receipt: result.receipt.id, outOfPocket: a.outOfPocket },
    });
    return { settlementId: settlement!.id, existing: false };
  });
}
