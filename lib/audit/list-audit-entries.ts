import "server-only";
import { desc, inArray, like, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";

/**
 * The newest audit entries of the caller's scope: acts of its users, and
 * sign-in attempts naming its users' accounts.
 */
export async function listAuditEntries(db: DbOrTx, actor: SessionUser, limit = 200) {
  const scopeUsernames = db.select({ username: users.username }).from(users).where(like(users.regionScope, `${actor.regionScope}%`));
  return db
    .select()
    .from(auditLog)
    .where(or(like(auditLog.actorScope, `${actor.regionScope}%`), inArray(auditLog.actorUsername, scopeUsernames)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
