import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/types";
import { getUser } from "./get-user";

/** An admin sets a new password for a user of their county (the password itself is never logged). */
export async function resetPassword(db: Db, actor: SessionUser, input: { userId: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const target = await getUser(tx, actor, input.userId);
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, target.id));
    await recordAudit(tx, { actor, action: "user.reset_password", targetType: "user", targetId: target.id });
    return { id: target.id };
  });
}
