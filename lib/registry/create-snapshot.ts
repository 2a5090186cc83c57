import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { registrySnapshots } from "@/db/schema";
import { resolvedCategoriesOn } from "./category-priority";
import { monthEnd } from "./months";

/**
 * The versioned monthly snapshot (W2.3): every person's single resolved category on
 * the month's last day, with counts and the difference against the previous snapshot.
 * 就高不重复 is applied in the database (resolvedCategoriesOn): a county has hundreds of
 * thousands of people; they never leave it.
 */
export async function createSnapshot(tx: DbOrTx, regionCode: string, month: string, runId: string) {
  const asOf = monthEnd(month);

  const [previous] = await tx
    .select({ id: registrySnapshots.id })
    .from(registrySnapshots)
    .where(eq(registrySnapshots.regionCode, regionCode))
    .orderBy(desc(registrySnapshots.month), desc(registrySnapshots.version))
    .limit(1);
  const [{ version } = { version: 1 }] = await executeRows<{ version: number }>(
    tx,
    sql`select coalesce(max(version), 0) + 1 as version from registry_snapshots where region_code = ${regionCode} and month = ${month}`,
  );
  const [snapshot] = await tx.insert(registrySnapshots).values({ regionCode, month, version: Number(version), runId, counts: {} }).returning();
  const snapshotId = snapshot!.id;

  await tx.execute(sql`
    insert into snapshot_members (snapshot_id, person_id, category, department_code)
    select ${snapshotId}::uuid, r.person_id, r.category, r.department_code from ${resolvedCategoriesOn(regionCode, asOf)} as r`);

  const byCategory = Object.fromEntries(
    (
      await executeRows<{ category: string; n: number }>(
        tx,
        sql`select category::text, count(*)::int as n from snapshot_members where snapshot_id = ${snapshotId} group by 1 order by 1`,
      )
    ).map((r) => [r.category, Number(r.n)]),
  );
  const [diff = { additions: 0, removals: 0, changes: 0 }] = previous
    ? await executeRows<{ additions: number; removals: number; changes: number }>(
        tx,
        sql`select count(*) filter (where o.person_id is null)::int as additions,
                   count(*) filter (where n.person_id is null)::int as removals,
                   count(*) filter (where n.category <> o.category)::int as changes
            from (select person_id, category from snapshot_members where snapshot_id = ${snapshotId}) n
            full join (select person_id, category from snapshot_members where snapshot_id = ${previous.id}) o on o.person_id = n.person_id`,
      )
    : [];
  const total = Object.values(byCategory).reduce((a, b) => a + b, 0);
  const counts = {
    asOf,
    total,
    byCategory,
    additions: previous ? Number(diff.additions) : total,
    removals: Number(diff.removals),
    changes: Number(diff.changes),
    previousSnapshotId: previous?.id ?? null,
  };
  const [updated] = await tx.update(registrySnapshots).set({ counts }).where(eq(registrySnapshots.id, snapshotId)).returning();
  return updated!;
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
