import type { Db } from "@/db";
import { enrolments } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";

/**
 * An enrolment written directly, covering the person from `coverageFrom` (1 January by
 * default) — the enrolment and subsidy path has its own tests (enrolment.test.ts).
 */
export async function enrolled(db: Db, actor: SessionUser, personId: string, year: number, options: { tier?: 1 | 2; coverageFrom?: string } = {}) {
  const coverageFrom = options.coverageFrom ?? `${year}-01-01`;
  await db.insert(enrolments).values({
    personId,
    regionCode: "500243",
    year,
    insuranceTier: options.tier ?? 1,
    paidOn: coverageFrom,
    coverageFrom,
    late: coverageFrom > `${year}-01-01`,
    resolvedCategory: "NONE",
    individualContribution: "380.00",
    subsidy: "0.00",
    personPays: "380.00",
    policyCode: "pengshui-2023",
    parameterVersion: "test",
    createdBy: actor.id,
  });
}
