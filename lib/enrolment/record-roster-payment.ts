import "server-only";
import { eq, sql } from "drizzle-orm";
import { executeRows, type Db } from "@/db/client";
import { subsidyRosters } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { parseInput, recordRosterPaymentSchema, type RecordRosterPaymentInput } from "./schemas";

/**
 * W4: the roster's subsidy is paid, with a payment reference — once. The same reference again
 * (a double click) changes nothing; another reference after payment is refused.
 */
export async function recordRosterPayment(db: Db, actor: SessionUser, raw: RecordRosterPaymentInput) {
  const { rosterId, paymentReference } = parseInput(recordRosterPaymentSchema, raw);
  return db.transaction(async (tx) => {
    const [roster] = await executeRows<{ region_code: string; payment_reference: string | null; paid_at: string | null }>(
      tx,
      sql`select region_code, payment_reference, paid_at::text as paid_at from subsidy_rosters where id = ${rosterId} for update`,
    );
    if (!roster) throw new AuthError(404, "NOT_FOUND", "未找到该资助名单");
    assertInScope(actor, { permission: "subsidy.manage", region: roster.region_code });
    if (roster.paid_at) {
      if (roster.payment_reference === paymentReference) return { rosterId, existing: true };
      const message = `该资助名单已记录拨付（凭证号 ${roster.payment_reference}），不能再改为其他凭证号`;
      throw new UserFacingError("ALREADY_PAID", message, { paymentReference: message });
    }
    const [totals] = await executeRows<{ persons: number; subsidy: string }>(
      tx,
      sql`select count(*)::int as persons, coalesce(sum(subsidy), 0)::numeric(14, 2)::text as subsidy from enrolments where roster_id = ${rosterId}`,
    );
    await tx.update(subsidyRosters).set({ paidAt: sql`now()`, paidBy: actor.id, paymentReference }).where(eq(subsidyRosters.id, rosterId));
    await recordAudit(tx, {
      actor,
      action: "subsidy_roster.pay",
      targetType: "subsidy_roster",
      targetId: rosterId,
      details: { paymentReference, persons: totals?.persons ?? 0, subsidy: totals?.subsidy ?? "0.00" },
    });
    return { rosterId, existing: false };
  });
}
