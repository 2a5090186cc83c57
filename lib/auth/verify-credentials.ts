import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { spendPasswordCheckTime, verifyPassword } from "./password";
import { accountKey, addressKey, clearFailures, countFailure, lockedKeys, THROTTLE } from "./throttle";
import type { SessionUser } from "./types";

export type SignInFailure = "INVALID_CREDENTIALS" | "THROTTLED";

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
  INVALID_CREDENTIALS: "用户名或密码不正确",
  THROTTLED: `登录失败次数过多，请 ${THROTTLE.lockMinutes} 分钟后再试`,
};

export type SignInOutcome = { ok: true; user: SessionUser } | { ok: false; reason: SignInFailure };

/**
 * Checks a username and password, with per-account and per-address throttling,
 * and audits the outcome. A disabled account answers like a wrong password.
 */
export async function verifyCredentials(
  db: Db,
  input: { username: string; password: string; clientAddress: string },
): Promise<SignInOutcome> {
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const keys = [accountKey(username), addressKey(input.clientAddress)];
  const audit = { actorUsername: username, clientAddress: input.clientAddress };

  if ((await lockedKeys(db, keys)).length > 0) {
    await recordAudit(db, { actor: null, ...audit, action: "auth.sign_in_throttled" });
    return { ok: false, reason: "THROTTLED" };
  }

  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  let passwordOk = false;
  if (row) passwordOk = await verifyPassword(input.password, row.passwordHash);
  else await spendPasswordCheckTime(input.password);

  if (!row || !passwordOk || !row.active) {
    const accountLocked = await countFailure(db, keys[0]!, THROTTLE.accountFailures);
    const addressLocked = await countFailure(db, keys[1]!, THROTTLE.addressFailures);
    await recordAudit(db, {
      actor: null,
      ...audit,
      action: "auth.sign_in_failed",
      targetType: row ? "user" : undefined,
      targetId: row?.id,
      details: { reason: !row ? "unknown_user" : !passwordOk ? "wrong_password" : "disabled" },
    });
    if (accountLocked || addressLocked) {
      await recordAudit(db, {
        actor: null,
        ...audit,
        action: "auth.throttle_locked",
        details: { account: accountLocked, address: addressLocked, minutes: THROTTLE.lockMinutes },
      });
    }
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }

  await clearFailures(db, keys[0]!);
  const user: SessionUser = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    regionScope: row.regionScope,
    departmentCode: row.departmentCode,
  };
  await recordAudit(db, { actor: user, action: "auth.sign_in", clientAddress: input.clientAddress });
  return { ok: true, user };
}
