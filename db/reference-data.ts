import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { regions } from "./schema";
import type { RegionLevel } from "./schema";

export function readRegionsCsv() {
  const lines = readFileSync(path.join(process.cwd(), "db", "data", "regions.csv"), "utf8").trim().split(/\r?\n/);
  const [header, ...rows] = lines;
  if (header !== "code,name,parent,level") throw new Error(`regions.csv: unexpected header ${header}`);
  return rows.map((line) => {
    const [code, name, parent, level] = line.split(",");
    if (!code || !name || !level) throw new Error(`regions.csv: bad line ${line}`);
    return { code, name, parentCode: parent || null, level: level as RegionLevel };
  });
}

/** Loads the shipped administrative divisions; idempotent. */
export async function loadRegions(db: DbOrTx): Promise<void> {
  const rows = readRegionsCsv();
  await db
    .insert(regions)
    .values(rows)
    .onConflictDoUpdate({
      target: regions.code,
      set: { name: sql`excluded.name`, parentCode: sql`excluded.parent_code`, level: sql`excluded.level` },
    });
}
