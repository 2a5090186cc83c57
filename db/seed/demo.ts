import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditLog, users } from "../schema";
import type { DepartmentCode, Role } from "../schema/enums";
import { hashPassword } from "@/lib/auth/password";

/**
 * Demo accounts for the embedded demo database only (README "Demo accounts").
 * Never seeded into a PostgreSQL server unless SEED_DEMO=1 asks for it (e2e).
 */
export const DEMO_PASSWORD = "sanchong2026";

export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  regionScope: string;
  departmentCode: DepartmentCode | null;
}> = [
  { username: "minzheng", displayName: "彭水县民政局 经办员", role: "department", regionScope: "500243", departmentCode: "MINZHENG" },
  { username: "xiangcun", displayName: "彭水县乡村振兴局 经办员", role: "department", regionScope: "500243", departmentCode: "XIANGCUN" },
  { username: "tuiyi", displayName: "彭水县退役军人事务局 经办员", role: "department", regionScope: "500243", departmentCode: "TUIYI" },
  { username: "canlian", displayName: "彭水县残联 经办员", role: "department", regionScope: "500243", departmentCode: "CANLIAN" },
  { username: "clerk", displayName: "彭水县医保局 经办员", role: "county_clerk", regionScope: "500243", departmentCode: null },
  { username: "admin", displayName: "彭水县医保局 负责人", role: "county_admin", regionScope: "500243", departmentCode: null },
  { username: "supervisor", displayName: "重庆市医保局 督导员", role: "supervisor", regionScope: "50", departmentCode: null },
  { username: "pengshui-supervisor", displayName: "彭水县 督导员", role: "supervisor", regionScope: "500243", departmentCode: null },
];

/** Seeds the demo accounts once: only when the users table is still empty. */
export async function seedDemoData(db: DbOrTx): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (Number(count) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(users).values(DEMO_USERS.map((u) => ({ ...u, passwordHash }))).onConflictDoNothing();
  await db.insert(auditLog).values({ action: "demo.seed", details: { users: DEMO_USERS.length } });
  return true;
}
