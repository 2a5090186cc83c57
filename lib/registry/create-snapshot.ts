import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { eachJsonChunk } from "@/db/bulk";
import { registrySnapshots } from "@/db/schema";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import { categoryPriorityFor } from "./category-priority";
import { resolveCategoryOn, type CategoryIdentity } from "./resolve-category";

/** The last day of a "YYYY-MM" month: the snapshot's as-of date. */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

/**
 * The versioned monthly snapshot (W2.3): every person's single resolved category on
 * the month's last day (就高不重复 by the county's policy priority), with counts and
 * the difference against the previous snapshot.
 */
export async function createSnapshot(tx: DbOrTx, regionCode: string, month: string, runId: string) {
  const asOf = monthEnd(month);
  const priority = categoryPriorityFor(regionCode, asOf);
  const rows = await executeRows<{ person_id: string; category: CategoryCode; department_code: DepartmentCode; valid_from: string; valid_to: string | null }>(
    tx,
    sql`select i.person_id, i.category, i.department_code, i.valid_from::text as valid_from, i.valid_to::text as valid_to
        from identities i join persons p on p.id = i.person_id
        where p.region_code = ${regionCode} and i.valid_from <= ${asOf}::date and (i.valid_to is null or i.valid_to > ${asOf}::date)`,
  );
  const byPerson = new Map<string, CategoryIdentity[]>();
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? [];
    list.push({ category: r.category, department: r.department_code, validFrom: r.valid_from, validTo: r.valid_to });
    byPerson.set(r.person_id, list);
  }
  const members: Array<{ personId: string; category: CategoryCode; department: DepartmentCode | null }> = [];
  for (const [personId, identities] of byPerson) {
    const resolved = resolveCategoryOn(identities, asOf, priority);
    if (resolved.category !== "NONE") members.push({ personId, category: resolved.category, department: resolved.winner?.department ?? null });
  }

  const [previous] = await tx
    .select({ id: registrySnapshots.id })
    .from(registrySnapshots)
    .where(eq(registrySnapshots.regionCode, regionCode))
    .orderBy(desc(registrySnapshots.month), desc(registrySnapshots.version))
    .limit(1);
  const before = new Map<string, string>();
  if (previous) {
    const prior = await executeRows<{ person_id: string; category: string }>(tx, sql`select person_id, category from snapshot_members where snapshot_id = ${previous.id}`);
    for (const r of prior) before.set(r.person_id, r.category);
  }
  const counts: Record<string, number> = {};
  let additions = 0;
  let changes = 0;
  for (const m of members) {
    counts[m.category] = (counts[m.category] ?? 0) + 1;
    const was = before.get(m.personId);
    if (was === undefined) additions += 1;
    else if (was !== m.category) changes += 1;
  }
  const removals = before.size - (members.length - additions);

  const [{ version } = { version: 1 }] = await executeRows<{ version: number }>(
    tx,
    sql`select coalesce(max(version), 0) + 1 as version from registry_snapshots where region_code = ${regionCode} and month = ${month}`,
  );
  const [snapshot] = await tx
    .insert(registrySnapshots)
    .values({
      regionCode,
      month,
      version: Number(version),
      runId,
      counts: { asOf, total: members.length, byCategory: counts, additions, removals, changes, previousSnapshotId: previous?.id ?? null },
    })
    .returning();
  await eachJsonChunk(members, (json) =>
    tx.execute(sql`
      insert into snapshot_members (snapshot_id, person_id, category, department_code)
      select ${snapshot!.id}::uuid, x."personId", x.category::category, x.department::department_code
      from json_to_recordset(${json}::json) as x("personId" uuid, category text, department text)`),
  );
  return snapshot!;
}

export async function latestSnapshot(db: DbOrTx, regionCode: string, month?: string) {
  const [row] = await db
    .select()
    .from(registrySnapshots)
    .where(month ? and(eq(registrySnapshots.regionCode, regionCode), eq(registrySnapshots.month, month)) : eq(registrySnapshots.regionCode, regionCode))
    .orderBy(desc(registrySnapshots.month), desc(registrySnapshots.version))
    .limit(1);
  return row ?? null;
}
