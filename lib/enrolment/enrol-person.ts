import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrolments, persons } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { formatDate } from "@/lib/labels";
import { categoriesOn } from "@/lib/registry/categories-on";
import { coverageFrom, isLateEnrolment, subsidyPolicyDate } from "./coverage";
import { enrolPersonSchema, parseInput, type EnrolPersonInput } from "./schemas";
import { coverageRuleOn, subsidyCalculator } from "./subsidy";

/**
 * W4: enrols one person for a year — a late enrolee (补缴/新增) or someone missing from the
 * roster. The category is the registry's on the payment day, the subsidy the engine's, and
 * cover starts per P-BASIC-6. A person-year is enrolled once: a second enrolment is refused
 * (P-PS-4: whoever already paid this year is not refunded; the subsidy starts next year).
 */
export async function enrolPerson(db: Db, actor: SessionUser, raw: EnrolPersonInput) {
  const input = parseInput(enrolPersonSchema, raw);
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: persons.id, regionCode: persons.regionCode }).from(persons).where(eq(persons.id, input.personId)).limit(1);
    if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
    assertInScope(actor, { permission: "subsidy.manage", region: person.regionCode });

    const { year, paidOn, insuranceTier } = input;
    const late = isLateEnrolment(year, paidOn);
    const policyDate = subsidyPolicyDate(year, paidOn);
    const figures = subsidyCalculator(person.regionCode, policyDate, "paidOn")(await categoriesOn(tx, person.id, paidOn), insuranceTier);
    const rule = coverageRuleOn(person.regionCode, policyDate, "paidOn");
    const values = {
      personId: person.id,
      regionCode: person.regionCode,
      year,
      insuranceTier,
      paidOn,
      coverageFrom: coverageFrom({ year, paidOn, late, rule }),
      late,
      ...figures,
      rosterId: null,
      createdBy: actor.id,
    };
    const [created] = await tx.insert(enrolments).values(values).onConflictDoNothing().returning({ id: enrolments.id });
    if (!created) {
      const [existing] = await tx.select({ paidOn: enrolments.paidOn }).from(enrolments).where(and(eq(enrolments.personId, person.id), eq(enrolments.year, year))).limit(1);
      const message = `该人员${year}年度已参保${existing ? `（${formatDate(existing.paidOn)}缴费）` : ""}，不能重复登记；已缴费用不予退还，身份变化后的资助从下一年度起享受（P-PS-4）`;
      throw new UserFacingError("ALREADY_ENROLLED", message, { year: message });
    }
    await recordAudit(tx, {
      actor,
      action: "enrolment.create",
      targetType: "enrolment",
      targetId: created.id,
      details: { personId: person.id, year, insuranceTier, paidOn, late, coverageFrom: values.coverageFrom, resolvedCategory: figures.resolvedCategory, subsidy: figures.subsidy, personPays: figures.personPays, policy: figures.policyCode },
    });
    return { enrolmentId: created.id, coverageFrom: values.coverageFrom, late, ...figures };
  });
}
