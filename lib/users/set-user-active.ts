import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/types";
import { getUser } from "./get-user";

/** Disables or re-enables a user of the admin's county. Disabling takes effect on the user's next request. */
export async function setUserActive(db: Db, actor: SessionUser, input: { userId: string; active: boolean }) {
  if (input.userId === actor.id && !input.active) {
    throw new UserFacingError("SELF_DISABLE", "不能停用自己的账号");
  }
  return db.transaction(async (tx) => {
    const target = await getUser(tx, actor, input.userId);
    if (target.active === input.active) return { id: target.id, active: target.active }; // a double click changes nothing
    await tx.update(users).set({ active: input.active, updatedAt: sql`now()` }).where(eq(users.id, target.id));
    await recordAudit(tx, {
      actor,
      action: input.active ? "user.enable" : "user.disable",
      targetType: "user",
      targetId: target.id,
      before: { active: target.active },
      after: { active: input.active },
    });
    return { id: target.id, active: input.active };
  });
}
