import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { alerts, persons, regions, type AlertState } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { countyOf } from "@/lib/registry/county-of";
import { maskIdNumber } from "@/lib/registry/id-number";

export const ALERT_STATE_LABELS: Record<AlertState, string> = { OPEN: "待处理", DISMISSED: "已排除", CASE_OPENED: "已发起救助" };

/** W7: the county's alerts, newest first, with masked ID numbers. */
export async function listAlerts(db: DbOrTx, actor: SessionUser, filter: { state?: AlertState } = {}, limit = 200) {
  const regionCode = countyOf(actor);
  const rows = await db
    .select({
      alert: alerts,
      name: persons.name,
      idNumber: persons.idNumber,
      township: regions.name,
    })
    .from(alerts)
    .innerJoin(persons, eq(persons.id, alerts.personId))
    .leftJoin(regions, eq(regions.code, persons.townshipCode))
    .where(and(eq(alerts.regionCode, regionCode), filter.state ? eq(alerts.state, filter.state) : undefined))
    .orderBy(desc(alerts.createdAt), alerts.level)
    .limit(limit);
  return rows.map(({ idNumber, ...r }) => ({ ...r, maskedId: maskIdNumber(idNumber) }));
}

export async function countOpenAlerts(db: DbOrTx, actor: SessionUser): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.regionCode, countyOf(actor)), eq(alerts.state, "OPEN")));
  return row?.n ?? 0;
}

/** A person's alerts (person page). */
export async function alertsOfPerson(db: DbOrTx, actor: SessionUser, personId: string) {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.personId, personId), eq(alerts.regionCode, countyOf(actor))))
    .orderBy(desc(alerts.year), alerts.level);
}

/** The alert in the actor's county (another county's answers 404); locked for a transaction that changes it. */
export async function getAlert(db: DbOrTx, actor: SessionUser, alertId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(alerts).where(eq(alerts.id, alertId)).limit(1);
  const [alert] = options.lock ? await query.for("update") : await query;
  if (!alert) throw new AuthError(404, "NOT_FOUND", "未找到该预警");
  assertInScope(actor, { permission: "case.handle", region: alert.regionCode });
  return alert;
}

/**
 * A clerk dismisses an open alert with a reason (the burden is explained: reimbursed
 * elsewhere, a one-off, …). Dismissing it again does nothing; a worked alert cannot be dismissed.
 */
export async function dismissAlert(db: Db, actor: SessionUser, input: { alertId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const alert = await getAlert(tx, actor, input.alertId, { lock: true });
    if (alert.state === "DISMISSED") return { unchanged: true };
    if (alert.state !== "OPEN") throw new UserFacingError("ALERT_CLOSED", "该预警已发起救助，不能再排除");
    await tx
      .update(alerts)
      .set({ state: "DISMISSED", closeReason: input.reason, closedBy: actor.id, closedAt: sql`now()` })
      .where(eq(alerts.id, alert.id));
    await recordAudit(tx, { actor, action: "alert.dismiss", targetType: "alert", targetId: alert.id, details: { level: alert.level, year: alert.year } });
    return { unchanged: false };
  });
}
