import "server-only";
import { asc, like } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";

/** The users within the caller's region scope (never password hashes). */
export async function listUsers(db: DbOrTx, actor: SessionUser) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      regionScope: users.regionScope,
      departmentCode: users.departmentCode,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(like(users.regionScope, `${actor.regionScope}%`))
    .orderBy(asc(users.role), asc(users.username));
}
export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];
