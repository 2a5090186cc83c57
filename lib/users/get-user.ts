import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { assertInScope, AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";

/** One user of the caller's scope; outside it (or unknown) answers NOT_FOUND alike. */
export async function getUser(db: DbOrTx, actor: SessionUser, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      regionScope: users.regionScope,
      departmentCode: users.departmentCode,
      active: users.active,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  assertInScope(actor, { permission: "users.manage", region: row.regionScope });
  return row;
}
