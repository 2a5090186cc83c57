import bcrypt from "bcryptjs";
import { z } from "zod";

// bcrypt (quality.md §Security: a slow hash). Cost 12 ≈ 0.25 s here; tests use 4 to stay quick.
const COST = process.env.NODE_ENV === "test" ? 4 : 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let unknownUserHash: string | undefined;
/** Checked when the username is unknown, so both paths cost the same time. */
export async function spendPasswordCheckTime(password: string): Promise<void> {
  unknownUserHash ??= await bcrypt.hash("unknown-user-placeholder", COST);
  await bcrypt.compare(password, unknownUserHash);
}

export const passwordSchema = z
  .string({ error: "请填写密码" })
  .min(10, "密码至少 10 位")
  .max(128, "密码不能超过 128 位")
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), "密码须同时包含字母和数字");
