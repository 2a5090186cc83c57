import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { enrolments, persons, subsidyRosters, type Enrolment } from "@/db/schema";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";

/** A person's enrolments, newest year first, each with whether its roster's subsidy was paid. */
export async function listPersonEnrolments(db: DbOrTx, actor: SessionUser, personId: string) {
  const [person] = await db.select({ regionCode: persons.regionCode }).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
  assertInScope(actor, { permission: "subsidy.manage", region: person.regionCode });
  const rows = await db
    .select({ enrolment: enrolments, rosterPaidAt: subsidyRosters.paidAt })
    .from(enrolments)
    .leftJoin(subsidyRosters, eq(subsidyRosters.id, enrolments.rosterId))
    .where(eq(enrolments.personId, personId))
    .orderBy(desc(enrolments.year));
  return rows.map((r) => ({ ...r.enrolment, onRoster: r.enrolment.rosterId !== null, rosterPaid: r.rosterPaidAt !== null }));
}

/**
 * The person's enrolment for a year, or null (visit settlement refuses a visit without one,
 * or before its `coverageFrom`). No scope check: the caller has already checked the person.
 */
export async function enrolmentFor(tx: Tx | DbOrTx, personId: string, year: number): Promise<Enrolment | null> {
  const [row] = await tx.select().from(enrolments).where(and(eq(enrolments.personId, personId), eq(enrolments.year, year))).limit(1);
  return row ?? null;
}
