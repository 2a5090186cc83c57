import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import type { Db, DbOrTx } from "@/db/client";
import { alerts, persons, settlements, visits } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/types";
import { createApplication } from "@/lib/cases/submit";
import { MAX_BILLS } from "@/lib/cases/schemas";
import { UserFacingError } from "@/lib/errors";
import { getAlert } from "./alerts";

/** What the clerk adds to an alert to make it a case; the person and the bills come from the registry and the ledger. */
export interface AlertCaseInput {
  alertId: string;
  phone: string;
  householdSize: string;
  householdAnnualIncome: string;
  incomeStatement: string;
  reason: string;
}

/**
 * The year's settled visits as the case's bills (most recent first, at most MAX_BILLS):
 * everything the three tiers and assistance already paid counts as paid, so the case only
 * proposes on what the person still bears inside the policy range — never assistance twice.
 */
export async function billsFromLedger(db: DbOrTx, personId: string, year: number) {
  const rows = await db
    .select({ s: settlements, hospitalName: visits.hospitalName, visitDate: visits.visitDate })
    .from(settlements)
    .innerJoin(visits, eq(visits.id, settlements.visitId))
    .where(
      and(
        eq(settlements.personId, personId),
        eq(settlements.year, year),
        eq(settlements.entryType, "settlement"),
        sql`not exists (select 1 from settlements r where r.reverses_id = ${settlements.id})`,
      ),
    )
    .orderBy(desc(visits.visitDate))
    .limit(MAX_BILLS);
  return rows.map(({ s, hospitalName, visitDate }) => {
    const paid = new Decimal(s.basicInsurance).plus(s.criticalIllnessInsurance).plus(s.supplementaryInsurance).plus(s.medicalAssistance).plus(s.tiltedAssistance);
    return {
      hospitalName: hospitalName && hospitalName.length >= 2 ? hospitalName : "定点医疗机构（一站式结算）",
      visitDate: String(visitDate),
      totalCost: s.totalCost,
      insurancePaid: paid.toFixed(2),
      selfPay: Decimal.max(0, new Decimal(s.policyRangeCost).minus(paid)).toFixed(2),
    };
  });
}

/**
 * W6 step 4 / W7: a clerk opens an on-application case for the person of an open alert
 * (source "alert"); the alert is closed as 已发起救助 in the same transaction. Opening it
 * again answers with the case already opened.
 */
export async function openCaseFromAlert(db: Db, actor: SessionUser, input: AlertCaseInput): Promise<{ applicationId: string; number: string | null; existing: boolean }> {
  return db.transaction(async (tx) => {
    const alert = await getAlert(tx, actor, input.alertId, { lock: true });
    if (alert.state === "CASE_OPENED" && alert.applicationId) return { applicationId: alert.applicationId, number: null, existing: true };
    if (alert.state !== "OPEN") throw new UserFacingError("ALERT_CLOSED", "该预警已排除，不能再发起救助");
    const [person] = await tx.select().from(persons).where(eq(persons.id, alert.personId)).limit(1);
    const bills = await billsFromLedger(tx, alert.personId, alert.year);
    const created = await createApplication(
      tx,
      {
        applicantName: person!.name,
        idNumber: person!.idNumber,
        phone: input.phone,
        householdSize: input.householdSize,
        householdAnnualIncome: input.householdAnnualIncome,
        incomeStatement: input.incomeStatement,
        reason: input.reason,
        bills,
      },
      { source: "alert", actorId: actor.id, regionCode: alert.regionCode, alertId: alert.id },
    );
    await tx.update(alerts).set({ state: "CASE_OPENED", applicationId: created.id, closedBy: actor.id, closedAt: sql`now()` }).where(eq(alerts.id, alert.id));
    await recordAudit(tx, { actor, action: "alert.open-case", targetType: "alert", targetId: alert.id, details: { applicationId: created.id, bills: bills.length } });
    return { applicationId: created.id, number: created.number, existing: false };
  });
}
