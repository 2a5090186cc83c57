import "server-only";
import { eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "@/db/client";
import { enrolments } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { subsidyPolicyDate } from "./coverage";
import { parseInput, setEnrolmentTierSchema, type SetEnrolmentTierInput } from "./schemas";
import { subsidyCalculator } from "./subsidy";

/**
 * W4: a roster line moves to tier 2 (二档, voluntary) or back to tier 1 while the roster is
 * unpaid; the engine recomputes the subsidy for the line's resolved category on the same
 * policy date (P-PS-3: tier 2 gets the tier-1 contribution, the person pays the difference).
 */
export async function setEnrolmentTier(db: Db, actor: SessionUser, raw: SetEnrolmentTierInput) {
  const { enrolmentId, insuranceTier } = parseInput(setEnrolmentTierSchema, raw);
  return db.transaction(async (tx) => {
    const [enrolment] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId)).limit(1);
    if (!enrolment) throw new AuthError(404, "NOT_FOUND", "未找到该参保记录");
    assertInScope(actor, { permission: "subsidy.manage", region: enrolment.regionCode });
    if (!enrolment.rosterId) throw new UserFacingError("NOT_ON_ROSTER", "单独登记的参保已按所选档次缴费，不能修改档次", { insuranceTier: "单独登记的参保不能修改档次" });
    // The roster row is locked: a payment recorded at the same moment waits, then this sees it.
    const [roster] = await executeRows<{ paid_at: string | null }>(tx, sql`select paid_at from subsidy_rosters where id = ${enrolment.rosterId} for update`);
    if (roster?.paid_at) throw new UserFacingError("ROSTER_PAID", "资助名单已记录拨付，不能再修改档次", { insuranceTier: "资助名单已拨付" });
    if (enrolment.insuranceTier === insuranceTier) return { enrolmentId, changed: false, subsidy: enrolment.subsidy, personPays: enrolment.personPays };

    const categories: CategoryCode[] = enrolment.resolvedCategory === "NONE" ? [] : [enrolment.resolvedCategory];
    const figures = subsidyCalculator(enrolment.regionCode, subsidyPolicyDate(enrolment.year, enrolment.paidOn), "insuranceTier")(categories, insuranceTier);
    const after = {
      insuranceTier,
      individualContribution: figures.individualContribution,
      subsidy: figures.subsidy,
      personPays: figures.personPays,
      policyCode: figures.policyCode,
      parameterVersion: figures.parameterVersion,
    };
    await tx.update(enrolments).set(after).where(eq(enrolments.id, enrolmentId));
    await recordAudit(tx, {
      actor,
      action: "enrolment.set_tier",
      targetType: "enrolment",
      targetId: enrolmentId,
      details: { rosterId: enrolment.rosterId, year: enrolment.year },
      before: { insuranceTier: enrolment.insuranceTier, individualContribution: enrolment.individualContribution, subsidy: enrolment.subsidy, personPays: enrolment.personPays },
      after,
    });
    return { enrolmentId, changed: true, subsidy: figures.subsidy, personPays: figures.personPays };
  });
}
