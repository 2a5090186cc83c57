import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { applicationEvents, applications, persons, regions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { createRateLimiter } from "@/lib/rate-limit";
import { countyOf } from "@/lib/registry/county-of";
import { shanghaiDate } from "@/lib/registry/deadline";
import { applicationInputSchema, type ApplicationInput, type ApplicationSource } from "./schemas";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `YS` + year + 8 random Crockford base-32 characters (40 bits): not sequential, not guessable. */
export function newApplicationNumber(now = new Date()): string {
  const bytes = randomBytes(8);
  let tail = "";
  for (const b of bytes) tail += CROCKFORD[b & 31];
  return `YS${shanghaiDate(now).slice(0, 4)}${tail}`;
}

function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): UserFacingError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return new UserFacingError("INVALID_INPUT", Object.values(fieldErrors)[0] ?? "输入有误", fieldErrors);
}

/**
 * Writes an application and its first event inside the caller's transaction (the alerts
 * module opens a case with source "alert"). The input is validated again here, so a caller
 * cannot store what the form would refuse. Without `regionCode` the case goes to the county
 * whose registry holds the ID number. The caller records the audit entry of its action.
 */
export async function createApplication(
  tx: Tx,
  input: ApplicationInput | Record<string, unknown>,
  options: { source: ApplicationSource; actorId: string | null; regionCode?: string; alertId?: string },
): Promise<{ id: string; number: string; personId: string | null }> {
  const parsed = applicationInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const [known] = await tx.select({ id: persons.id, regionCode: persons.regionCode }).from(persons).where(eq(persons.idNumber, data.idNumber)).limit(1);
  const regionCode = options.regionCode ?? known?.regionCode;
  if (!regionCode) throw new UserFacingError("INVALID_INPUT", "无法确定受理的区县", { regionCode: "无法确定受理的区县" });
  // Only a person of the county's own registry is linked (another county's registry stays invisible).
  const person = known && known.regionCode === regionCode ? known : undefined;
  let number = newApplicationNumber();
  // 40 random bits: a clash is rare; look before writing so the transaction is never aborted by one.
  for (let i = 0; i < 5; i++) {
    const [taken] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.number, number)).limit(1);
    if (!taken) break;
    number = newApplicationNumber();
  }
  const [row] = await tx
    .insert(applications)
    .values({
      number,
      regionCode,
      personId: person?.id ?? null,
      applicantName: data.applicantName,
      idNumber: data.idNumber,
      phone: data.phone,
      householdSize: data.householdSize,
      householdAnnualIncome: data.householdAnnualIncome,
      incomeStatement: data.incomeStatement,
      bills: data.bills,
      reason: data.reason,
      source: options.source,
    })
    .returning({ id: applications.id });
  await tx.insert(applicationEvents).values({
    applicationId: row!.id,
    fromState: null,
    toState: "SUBMITTED",
    actorId: options.actorId,
    details: options.alertId ? { source: options.source, alertId: options.alertId } : { source: options.source },
  });
  return { id: row!.id, number, personId: person?.id ?? null };
}

/** Public submissions per address: a handful per ten minutes (quality.md: public endpoints rate-limited). */
const publicSubmissions = createRateLimiter({ limit: 5, windowMs: 10 * 60_000 });

/** The counties the portal serves (a county office has staff here): the public form's choices. */
export async function listServedCounties(db: Db): Promise<{ code: string; name: string }[]> {
  const scopes = await db
    .selectDistinct({ scope: users.regionScope })
    .from(users)
    .where(and(inArray(users.role, ["county_clerk", "county_admin"]), eq(users.active, true), sql`char_length(${users.regionScope}) = 6`));
  if (scopes.length === 0) return [];
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, scopes.map((s) => s.scope)));
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * W6 step 1: an application by the citizen on the public site (source "public", rate-limited
 * per address, the county chosen on the form) or by a clerk at the window (source "window",
 * the clerk's county). One transaction: the application, its first event, the audit entry.
 */
export async function submitApplication(
  db: Db,
  input: Record<string, unknown>,
  options: { source: "public"; clientAddress: string } | { source: "window"; actor: SessionUser; clientAddress?: string },
): Promise<{ id: string; number: string }> {
  let regionCode: string;
  let actor: SessionUser | null = null;
  if (options.source === "public") {
    const code = typeof input.regionCode === "string" ? input.regionCode : "";
    const served = await listServedCounties(db);
    const parsed = applicationInputSchema.safeParse(input);
    const fieldErrors = parsed.success ? {} : invalid(parsed.error).fieldErrors!;
    if (!served.some((c) => c.code === code)) fieldErrors.regionCode = "请选择申请的区县";
    if (Object.keys(fieldErrors).length) throw new UserFacingError("INVALID_INPUT", Object.values(fieldErrors)[0]!, fieldErrors);
    // Only well-formed submissions count: a citizen correcting typos is not locked out.
    if (publicSubmissions.hit(options.clientAddress) > 0) {
      throw new UserFacingError("RATE_LIMITED", "提交过于频繁，请10分钟后再试；如需帮助请到县医保局窗口办理");
    }
    regionCode = code;
  } else {
    actor = options.actor;
    assertInScope(actor, { permission: "case.handle" });
    regionCode = countyOf(actor);
  }
  return db.transaction(async (tx) => {
    const created = await createApplication(tx, input, { source: options.source, actorId: actor?.id ?? null, regionCode });
    await recordAudit(tx, {
      actor,
      action: "case.submit",
      targetType: "application",
      targetId: created.id,
      clientAddress: options.clientAddress,
      details: { number: created.number, source: options.source, regionCode, inRegistry: created.personId !== null },
    });
    return { id: created.id, number: created.number };
  });
}
