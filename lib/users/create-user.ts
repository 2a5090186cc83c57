import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { UserFacingError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/types";
import type { CreateUserInput } from "./schemas";

/** A county admin adds a user to their own county (the new user's scope is the admin's). */
export async function createUser(db: Db, actor: SessionUser, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
    if (taken) throw new UserFacingError("USERNAME_TAKEN", "该用户名已被使用", { username: "该用户名已被使用" });
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        regionScope: actor.regionScope,
        departmentCode: input.departmentCode,
        createdBy: actor.id,
      })
      .returning({ id: users.id, username: users.username });
    await recordAudit(tx, {
      actor,
      action: "user.create",
      targetType: "user",
      targetId: created!.id,
      after: {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionScope: actor.regionScope,
        departmentCode: input.departmentCode,
      },
    });
    return created!;
  });
}
