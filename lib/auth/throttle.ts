import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executeRows } from "@/db/client";
import { loginThrottle } from "@/db/schema";

/**
 * Failed sign-in limits (quality.md §Security). Counted in the database with the
 * database's clock, so every app instance shares them.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  addressFailures: 20,
} as const;

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

/** The keys among `keys` that are locked now. */
export async function lockedKeys(db: DbOrTx, keys: string[]): Promise<string[]> {
  const rows = await executeRows<{ key: string }>(
    db,
    sql`select key from ${loginThrottle}
        where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
          and locked_until > now()`,
  );
  return rows.map((r) => r.key);
}

/**
 * Counts one failure against `key`; locks it when the window's count reaches
 * `limit`. Returns true when this failure locked it.
 */
export async function countFailure(db: DbOrTx, key: string, limit: number): Promise<boolean> {
  const window = sql.raw(`interval '${THROTTLE.windowMinutes} minutes'`);
  const lock = sql.raw(`interval '${THROTTLE.lockMinutes} minutes'`);
  const [row] = await executeRows<{ failures: number }>(
    db,
    sql`insert into ${loginThrottle} (key, failures, window_started_at)
        values (${key}, 1, now())
        on conflict (key) do update set
          failures = case when login_throttle.window_started_at < now() - ${window}
                          then 1 else login_throttle.failures + 1 end,
          window_started_at = case when login_throttle.window_started_at < now() - ${window}
                          then now() else login_throttle.window_started_at end
        returning failures`,
  );
  if (!row || Number(row.failures) < limit) return false;
  await db
    .update(loginThrottle)
    .set({ lockedUntil: sql`now() + ${lock}`, failures: 0, windowStartedAt: sql`now()` })
    .where(eq(loginThrottle.key, key));
  return true;
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
