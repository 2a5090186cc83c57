import "server-only";
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { applicationEvents, applications, users } from "@/db/schema";
import type { Application, ApplicationState } from "@/db/schema/cases";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { parameterEntry, policySetForRegion } from "@/lib/policy/catalogue";
import { createRateLimiter } from "@/lib/rate-limit";
import { countyOf } from "@/lib/registry/county-of";
import { shanghaiDate } from "@/lib/registry/deadline";
import { maskIdNumber } from "@/lib/registry/id-number";
import type { OnApplicationBill, OnApplicationResult } from "@/lib/settlement";
import { engineProposal } from "./proposal";
import { OPEN_STATES, STATE_LABELS, type ListFilter } from "./schemas";
import { resumeByApplicant } from "./transitions";

/**
 * Used only when no policy set is in force for the county on the date (then there is no
 * catalogue to read `application.targetDays` from): the catalogue's example value.
 */
const FALLBACK_TARGET_DAYS = 20;

/** The county's target days from submission to decision (P-APP-3, local parameter `application.targetDays`). */
export function targetDaysFor(regionCode: string, date: string): number {
  try {
    const value = parameterEntry(policySetForRegion(regionCode, date).code, "application.targetDays", date).value;
    return typeof value === "number" ? value : FALLBACK_TARGET_DAYS;
  } catch {
    return FALLBACK_TARGET_DAYS;
  }
}

const DAY = 86_400_000;
/** Whole calendar days (Asia/Shanghai) between an instant and today. */
function daysSince(instant: Date, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${shanghaiDate(instant)}T00:00:00Z`)) / DAY));
}

/**
 * The county's cases, newest first, with their ages (days since submission, days in the
 * current state) and a reminder when an undecided case has waited longer than the target.
 */
export async function listApplications(db: DbOrTx, actor: SessionUser, filter: ListFilter, now = new Date()) {
  assertInScope(actor, { permission: "case.handle" });
  const regionCode = countyOf(actor);
  const conditions: SQL[] = [eq(applications.regionCode, regionCode)];
  if (filter.state) conditions.push(eq(applications.state, filter.state));
  if (filter.source) conditions.push(eq(applications.source, filter.source));
  const q = filter.q?.replace(/[%_\\\s]/g, "");
  if (q) conditions.push(or(eq(applications.number, q.toUpperCase()), like(applications.applicantName, `%${q}%`))!);
  const rows = await db
    .select({
      id: applications.id,
      number: applications.number,
      applicantName: applications.applicantName,
      source: applications.source,
      state: applications.state,
      proposedAmount: applications.proposedAmount,
      createdAt: applications.createdAt,
      stateChangedAt: applications.stateChangedAt,
    })
    .from(applications)
    .where(and(...conditions))
    .orderBy(desc(applications.createdAt))
    .limit(200);
  const today = shanghaiDate(now);
  const targetDays = targetDaysFor(regionCode, today);
  return {
    targetDays,
    rows: rows.map((r) => {
      const age = daysSince(r.createdAt, today);
      return { ...r, ageDays: age, daysInState: daysSince(r.stateChangedAt, today), overdue: OPEN_STATES.includes(r.state) && age > targetDays };
    }),
  };
}

/** A person's cases, for the person page. */
export async function listPersonApplications(db: DbOrTx, actor: SessionUser, personId: string) {
  assertInScope(actor, { permission: "case.handle" });
  return db
    .select({ id: applications.id, number: applications.number, state: applications.state, source: applications.source, proposedAmount: applications.proposedAmount, createdAt: applications.createdAt })
    .from(applications)
    .where(and(eq(applications.personId, personId), eq(applications.regionCode, countyOf(actor))))
    .orderBy(desc(applications.createdAt));
}

/**
 * One case for the staff page: the applicant with a masked ID, the bills, the engine's
 * proposal (stored once proposed; computed for review before that), the event timeline.
 */
export async function getApplication(db: Db, actor: SessionUser, id: string) {
  const [app] = await db.select().from(applications).where(eq(applications.id, id)).limit(1);
  if (!app) throw new AuthError(404, "NOT_FOUND", "未找到该申请");
  assertInScope(actor, { permission: "case.handle", region: app.regionCode });
  const events = await db
    .select({ event: applicationEvents, actorName: users.displayName })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorId))
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.id));
  const names = new Map<string, string>();
  const ids = [app.proposedBy, app.decidedBy].filter((x): x is string => !!x);
  if (ids.length) for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))) names.set(u.id, u.name);
  let proposal: OnApplicationResult | null = (app.engineReceipt as OnApplicationResult | null) ?? null;
  let proposalError: string | null = null;
  if (!proposal && (app.state === "UNDER_REVIEW" || app.state === "ACCEPTED" || app.state === "SUBMITTED" || app.state === "RETURNED")) {
    try {
      proposal = await engineProposal(db, app);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      proposalError = error.message;
    }
  }
  const { idNumber, ...rest } = app;
  return {
    application: { ...rest, phone: maskPhone(app.phone), maskedIdNumber: maskIdNumber(idNumber), bills: app.bills as OnApplicationBill[], missingDocuments: (app.missingDocuments as string[] | null) ?? null },
    proposedByName: app.proposedBy ? (names.get(app.proposedBy) ?? null) : null,
    decidedByName: app.decidedBy ? (names.get(app.decidedBy) ?? null) : null,
    proposal,
    proposalStored: app.engineReceipt !== null,
    proposalError,
    events: events.map((e) => ({ ...e.event, actorName: e.event.actorId ? (e.actorName ?? "工作人员") : "申请人" })),
  };
}

// ---------------------------------------------------------------------------------------------
// The citizen's side: number + last 4 ID characters. A wrong number and a wrong last 4 get the
// same answer; lookups are rate-limited per address; staff notes and the full ID never leave.

const statusLookups = createRateLimiter({ limit: 20, windowMs: 10 * 60_000 });
const NOT_FOUND_MESSAGE = "没有找到这个申请：请核对申请编号和身份证号码后4位";

export interface ApplicationStatus {
  number: string;
  state: ApplicationState;
  stateLabel: string;
  submittedAt: Date;
  stateChangedAt: Date;
  /** the decision as the applicant reads it (不予受理, 已批准, 已驳回, 已发放) */
  decision: string | null;
  approvedAmount: string | null;
  missingDocuments: string[] | null;
  /** dates and states only: no reasons, no names */
  history: { state: ApplicationState; stateLabel: string; at: Date }[];
}

async function findForApplicant(db: DbOrTx, number: string, last4: string, clientAddress: string): Promise<Application> {
  if (statusLookups.hit(clientAddress) > 0) throw new UserFacingError("RATE_LIMITED", "查询过于频繁，请10分钟后再试");
  const [app] = await db.select().from(applications).where(eq(applications.number, number.trim().toUpperCase())).limit(1);
  if (!app || app.idNumber.slice(-4).toUpperCase() !== last4.trim().toUpperCase()) throw new UserFacingError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return app;
}

export async function getApplicationStatus(db: DbOrTx, number: string, last4: string, clientAddress: string): Promise<ApplicationStatus> {
  const app = await findForApplicant(db, number, last4, clientAddress);
  const events = await db
    .select({ toState: applicationEvents.toState, at: applicationEvents.createdAt })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.id));
  const decided = app.state === "REFUSED" || app.state === "APPROVED" || app.state === "REJECTED" || app.state === "PAID";
  return {
    number: app.number,
    state: app.state,
    stateLabel: STATE_LABELS[app.state],
    submittedAt: app.createdAt,
    stateChangedAt: app.stateChangedAt,
    decision: decided ? app.decision : null,
    approvedAmount: app.state === "APPROVED" || app.state === "PAID" ? app.proposedAmount : null,
    missingDocuments: app.state === "RETURNED" ? ((app.missingDocuments as string[] | null) ?? []) : null,
    history: events.map((e) => ({ state: e.toState, stateLabel: STATE_LABELS[e.toState], at: e.at })),
  };
}

/** The applicant answers a 退回补正 from the status page: documents supplied → 审核中. */
export async function answerReturnedApplication(db: Db, input: { number: string; last4: string; note: string }, clientAddress: string) {
  const app = await findForApplicant(db, input.number, input.last4, clientAddress);
  if (app.state !== "RETURNED" && app.state !== "UNDER_REVIEW") {
    throw new UserFacingError("WRONG_STATE", `该申请当前为“${STATE_LABELS[app.state]}”，无需补充材料`);
  }
  await resumeByApplicant(db, app.id, input.note, clientAddress);
  return getApplicationStatus(db, input.number, input.last4, clientAddress);
}

/** The applicant's full ID number and phone, once, written to the audit log (W3's rule for every full view). */
export async function revealApplicantContact(db: DbOrTx, actor: SessionUser, id: string) {
  const [app] = await db.select({ id: applications.id, regionCode: applications.regionCode, idNumber: applications.idNumber, phone: applications.phone }).from(applications).where(eq(applications.id, id)).limit(1);
  if (!app) throw new AuthError(404, "NOT_FOUND", "未找到该申请");
  assertInScope(actor, { permission: "beneficiary.reveal", region: app.regionCode });
  await recordAudit(db, { actor, action: "case.reveal_contact", targetType: "application", targetId: app.id });
  return { idNumber: app.idNumber, phone: app.phone };
}

/** "13800001234" → "138****1234" */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}` : "*".repeat(phone.length);
}
