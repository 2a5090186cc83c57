import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { applicationEvents, applications } from "@/db/schema";
import type { Application, ApplicationState } from "@/db/schema/cases";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { formatYuan } from "@/lib/money";
import { engineProposal } from "./proposal";
import { STATE_LABELS } from "./schemas";

/**
 * W6 transitions as data: from which states, to which state, with which permission.
 * 已提交 → 已受理 (or 不予受理) → 审核中 (⇄ 退回补正) → 待审批 → 已批准 / 已驳回 → 已发放.
 */
export const MOVES = {
  accept: { from: ["SUBMITTED"], to: "ACCEPTED", permission: "case.handle", label: "受理" },
  refuse: { from: ["SUBMITTED"], to: "REFUSED", permission: "case.handle", label: "不予受理" },
  startReview: { from: ["ACCEPTED"], to: "UNDER_REVIEW", permission: "case.handle", label: "开始审核" },
  returnForDocuments: { from: ["UNDER_REVIEW"], to: "RETURNED", permission: "case.handle", label: "退回补正" },
  resume: { from: ["RETURNED"], to: "UNDER_REVIEW", permission: "case.handle", label: "恢复审核" },
  propose: { from: ["UNDER_REVIEW"], to: "PROPOSED", permission: "case.handle", label: "提出救助方案" },
  approve: { from: ["PROPOSED"], to: "APPROVED", permission: "case.decide", label: "批准" },
  reject: { from: ["PROPOSED"], to: "REJECTED", permission: "case.decide", label: "驳回" },
  pay: { from: ["APPROVED"], to: "PAID", permission: "case.handle", label: "登记发放" },
} as const satisfies Record<string, { from: readonly ApplicationState[]; to: ApplicationState; permission: Permission; label: string }>;
export type Move = keyof typeof MOVES;

export type TransitionOutcome = { unchanged: boolean; state: ApplicationState };

/** What a move writes besides the state: columns, the event's reason and details. */
interface Change {
  set?: Partial<typeof applications.$inferInsert>;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * One transition in one transaction: lock the case, check scope and permission (another
 * county's case is 404), refuse a decision by the proposer (four eyes), answer a repeat
 * with `{ unchanged: true }`, refuse any other wrong state in Chinese, then
 * `UPDATE … WHERE id = $1 AND state = $from` with the event row and the audit entry.
 * `actor` null is the applicant (a 退回补正 answered from the status page).
 */
async function transition(
  db: Db,
  actor: SessionUser | null,
  applicationId: string,
  move: Move,
  build: (app: Application, tx: Tx) => Promise<Change> | Change,
  options: { clientAddress?: string } = {},
): Promise<TransitionOutcome> {
  const def = MOVES[move];
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update").limit(1);
    if (!app) throw new AuthError(404, "NOT_FOUND", "未找到该申请");
    if (actor) assertInScope(actor, { permission: def.permission, region: app.regionCode });
    if (actor && def.permission === "case.decide" && app.proposedBy === actor.id) {
      throw new AuthError(403, "FORBIDDEN", "不能审批本人提出的救助方案");
    }
    if (app.state === def.to) return { unchanged: true, state: app.state };
    if (!(def.from as readonly ApplicationState[]).includes(app.state)) {
      throw new UserFacingError("WRONG_STATE", `该申请当前为“${STATE_LABELS[app.state]}”，不能${def.label}`);
    }
    const change = await build(app, tx);
    const updated = await tx
      .update(applications)
      .set({ ...change.set, state: def.to, stateChangedAt: sql`now()` })
      .where(and(eq(applications.id, app.id), eq(applications.state, app.state)))
      .returning({ id: applications.id });
    if (updated.length === 0) throw new UserFacingError("CONFLICT", "该申请刚刚被他人处理，请刷新页面后再试");
    await tx.insert(applicationEvents).values({
      applicationId: app.id,
      fromState: app.state,
      toState: def.to,
      actorId: actor?.id ?? null,
      reason: change.reason ?? null,
      details: change.details ?? null,
    });
    await recordAudit(tx, {
      actor,
      action: `case.${move}`,
      targetType: "application",
      targetId: app.id,
      clientAddress: options.clientAddress,
      before: { state: app.state },
      after: { state: def.to, ...(change.details ?? {}) },
      details: { number: app.number, byApplicant: actor === null },
    });
    return { unchanged: false, state: def.to };
  });
}

type Id = { applicationId: string };

export function acceptApplication(db: Db, actor: SessionUser, { applicationId }: Id) {
  return transition(db, actor, applicationId, "accept", () => ({}));
}

/** 不予受理: the reason is the decision the applicant reads. */
export function refuseApplication(db: Db, actor: SessionUser, { applicationId, reason }: Id & { reason: string }) {
  return transition(db, actor, applicationId, "refuse", () => ({ set: { decision: reason, decidedBy: actor.id }, reason }));
}

export function startReview(db: Db, actor: SessionUser, { applicationId }: Id) {
  return transition(db, actor, applicationId, "startReview", () => ({}));
}

/** 退回补正 with the documents the applicant must supply (they see the list; the note stays staff-side). */
export function returnForDocuments(db: Db, actor: SessionUser, { applicationId, missingDocuments, note }: Id & { missingDocuments: string[]; note?: string | null }) {
  return transition(db, actor, applicationId, "returnForDocuments", () => ({
    set: { missingDocuments },
    reason: note ?? null,
    details: { missingDocuments },
  }));
}

/** Documents supplied: a clerk resumes the review (the applicant's own answer is in queries.ts). */
export function resumeReview(db: Db, actor: SessionUser, { applicationId, note }: Id & { note?: string | null }) {
  return transition(db, actor, applicationId, "resume", (app) => ({
    set: { missingDocuments: null },
    reason: note ?? null,
    details: { suppliedDocuments: app.missingDocuments, by: "staff" },
  }));
}

/** The applicant answers a 退回补正 (actor null); the caller has checked the number and last 4. */
export function resumeByApplicant(db: Db, applicationId: string, note: string, clientAddress?: string) {
  return transition(
    db,
    null,
    applicationId,
    "resume",
    (app) => ({ set: { missingDocuments: null }, reason: note, details: { suppliedDocuments: app.missingDocuments, by: "applicant" } }),
    { clientAddress },
  );
}

/**
 * 提出救助方案: the engine's proposal is computed here on the server from the bills and the
 * applicant's category on the submission date and stored with the case; a proposed amount
 * that differs from it needs a written reason.
 */
export function proposeAssistance(db: Db, actor: SessionUser, { applicationId, amount, reason }: Id & { amount: string; reason?: string | null }) {
  return transition(db, actor, applicationId, "propose", async (app, tx) => {
    const proposal = await engineProposal(tx, app);
    const adjusted = proposal.amount !== amount;
    if (adjusted && !reason) {
      const message = `拟救助金额与系统测算金额（${formatYuan(proposal.amount)}）不同，请填写调整理由`;
      throw new UserFacingError("REASON_REQUIRED", message, { reason: message });
    }
    return {
      set: {
        engineAmount: proposal.amount,
        engineReceipt: proposal,
        proposedAmount: amount,
        adjustmentReason: adjusted ? reason : null,
        proposedBy: actor.id,
      },
      reason: reason ?? null,
      details: { engineAmount: proposal.amount, proposedAmount: amount, category: proposal.resolvedCategory },
    };
  });
}

/** 批准 (county_admin, not the proposer): the decision text is what the applicant reads. */
export function approveAssistance(db: Db, actor: SessionUser, { applicationId, decision }: Id & { decision?: string | null }) {
  return transition(db, actor, applicationId, "approve", (app) => ({
    set: { decidedBy: actor.id, decision: decision || `经审核，同意给予医疗救助${formatYuan(app.proposedAmount ?? "0")}。` },
    details: { approvedAmount: app.proposedAmount },
  }));
}

/** 驳回 (county_admin, not the proposer): the reason is the decision the applicant reads. */
export function rejectAssistance(db: Db, actor: SessionUser, { applicationId, reason }: Id & { reason: string }) {
  return transition(db, actor, applicationId, "reject", () => ({ set: { decidedBy: actor.id, decision: reason }, reason }));
}

/** 已发放 with the payment reference. */
export function recordPayment(db: Db, actor: SessionUser, { applicationId, paymentReference }: Id & { paymentReference: string }) {
  return transition(db, actor, applicationId, "pay", (app) => ({
    set: { paymentReference },
    details: { paymentReference, amount: app.proposedAmount },
  }));
}
