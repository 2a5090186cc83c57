import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";

export interface AuditEntry {
  actor: Pick<SessionUser, "id" | "username" | "role" | "regionScope"> | null;
  /** Attempted username for sign-in events without an account. */
  actorUsername?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  clientAddress?: string;
  details?: Record<string, unknown>;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends one audit row. Call it inside the same transaction as the write it
 * records, so neither exists without the other (style.md §10). Never pass full
 * ID numbers, passwords or hashes.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actor?.id ?? null,
    actorUsername: entry.actor?.username ?? entry.actorUsername?.slice(0, 64) ?? null,
    actorRole: entry.actor?.role ?? null,
    actorScope: entry.actor?.regionScope ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    clientAddress: entry.clientAddress?.slice(0, 64) ?? null,
    details: entry.details ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
