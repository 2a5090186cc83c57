import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { authOptions } from "./options";
import type { SessionUser } from "./types";

/**
 * The signed-in user for this request, or null. The token only names the user:
 * role, scope and the active flag are re-read from the database, so disabling an
 * account or changing a role takes effect on the next request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row || !row.active) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    regionScope: row.regionScope,
    departmentCode: row.departmentCode,
  };
});
