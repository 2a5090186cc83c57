import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { regions } from "@/db/schema";

/** A region scope prefix ("50", "500243") names the region whose code it starts (500000, 500243). */
export function scopeRegionCode(scope: string): string {
  return scope.length >= 6 ? scope : scope.padEnd(6, "0");
}

export async function getScopeName(db: DbOrTx, scope: string): Promise<string> {
  const code = scopeRegionCode(scope);
  const [row] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).limit(1);
  return row?.name ?? code;
}

/** The counties within a scope (a supervisor's view). */
export async function listCountiesInScope(db: DbOrTx, scope: string) {
  const rows = await db.select().from(regions).where(eq(regions.level, "county"));
  return rows.filter((r) => r.code.startsWith(scope)).sort((a, b) => a.code.localeCompare(b.code));
}
