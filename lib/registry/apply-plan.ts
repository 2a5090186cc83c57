import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { eachJsonChunk, insertColumns, withIndexesRebuilt } from "@/db/bulk";
import type { ApplicationPlan, RowRef } from "./plan-reconciliation";

/** Birth date embedded in a (validated) ID number. */
const birthDateOf = (idNumber: string) => `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/**
 * Rows written from which a month counts as bulk: the planner's statistics are refreshed after
 * it, and a table it at least doubles gets its indexes built after the write (bulkInsert).
 */
const BULK_CHANGES = 10_000;

/** Writes a reconciliation plan in set-based statements (a county's 400,000 rows in one transaction). */
export async function applyPlan(tx: DbOrTx, regionCode: string, plan: ApplicationPlan): Promise<void> {
  // New people get their ids here rather than from the column default: their identities can then
  // name them without looking each one up again, and gen_random_uuid() alone took a quarter of a
  // first month's writes on PGlite (docs/benchmarks.md, Registry).
  const newPersonIds = new Map(plan.newPersons.map((p) => [p.idNumber, randomUUID()]));
  await bulkInsert(tx, "persons", plan.newPersons.length, () =>
    insertColumns(
      tx,
      "persons",
      [["id", "uuid"], ["id_number", "varchar"], ["name", "text"], ["region_code", "varchar"], ["township_code", "varchar"], ["phone", "varchar"], ["birth_date", "date"]],
      plan.newPersons.map((p) => [newPersonIds.get(p.idNumber), p.idNumber, p.name, regionCode, p.townshipCode, p.phone, birthDateOf(p.idNumber)]),
    ),
  );
  await bulkInsert(tx, "identities", plan.opened.length, () =>
    insertColumns(
      tx,
      "identities",
      [["person_id", "uuid"], ["category", "category"], ["department_code", "department_code"], ["valid_from", "date"], ["valid_to", "date"], ["source_submission_id", "uuid"], ["closed_by_submission_id", "uuid"]],
      plan.opened.map((o) => [o.personId ?? newPersonIds.get(o.idNumber), o.category, o.department, o.validFrom, o.validTo, o.submissionId, o.closedBySubmissionId]),
    ),
  );
  await eachJsonChunk(plan.personUpdates, (json) =>
    tx.execute(sql`
      update persons p set name = x.name, township_code = x."townshipCode", phone = x.phone, updated_at = now()
      from json_to_recordset(${json}::json) as x("idNumber" varchar, name text, "townshipCode" varchar, phone varchar)
      where p.id_number = x."idNumber"`),
  );
  await eachJsonChunk(plan.closed, (json) =>
    tx.execute(sql`
      update identities i set valid_to = x."validTo", closed_by_submission_id = x."submissionId"
      from json_to_recordset(${json}::json) as x("identityId" bigint, "validTo" date, "submissionId" uuid)
      where i.id = x."identityId" and i.valid_to is null`),
  );
  await setRowOutcomes(tx, plan.outcomes);
  // PGlite runs no autovacuum, so after a bulk month the planner would still cost the snapshot's
  // queries against the empty tables of before and pick per-person index loops (4 s instead of
  // 1.5 s at 400,000 people). A fresh sample is cheap beside the writes it follows.
  if (plan.newPersons.length + plan.opened.length + plan.closed.length >= BULK_CHANGES) {
    await tx.execute(sql`analyze persons, identities`);
  }
}

/**
 * A table's first bulk month (at least as many new rows as the table holds) is written with its
 * indexes built afterwards (withIndexesRebuilt). Smaller writes keep the indexes, and with them
 * the other readers of the table.
 */
async function bulkInsert(tx: DbOrTx, table: string, adding: number, write: () => Promise<void>): Promise<void> {
  if (adding >= BULK_CHANGES) {
    // Counting stops one row past `adding`: a table of many counties is never scanned whole.
    const [row] = await executeRows<{ held: string }>(tx, sql`select count(*) as held from (select 1 from ${sql.raw(table)} limit ${adding + 1}) t`);
    if (adding >= Number(row!.held)) return withIndexesRebuilt(tx, table, write);
  }
  await write();
}

/**
 * Records what became of each row (departments see their own rows' outcomes). One statement per
 * submission and outcome, naming the rows by number: no per-row JSON to parse and join, and the
 * table's free space per page (fillfactor, migration 0011) lets each row be updated in place.
 */
export async function setRowOutcomes(tx: DbOrTx, outcomes: ReadonlyArray<RowRef & { outcome: string; note?: string | null }>): Promise<void> {
  const groups = new Map<string, { submissionId: string; outcome: string; note: string | null; rows: number[] }>();
  for (const o of outcomes) {
    const key = `${o.submissionId}|${o.outcome}|${o.note ?? ""}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { submissionId: o.submissionId, outcome: o.outcome, note: o.note ?? null, rows: [] }));
    group.rows.push(o.rowNumber);
  }
  for (const g of groups.values()) {
    for (let i = 0; i < g.rows.length; i += 50_000) {
      await tx.execute(sql`
        update list_submission_rows set outcome = ${g.outcome}::row_outcome, note = coalesce(${g.note}, note)
        where submission_id = ${g.submissionId}::uuid and row_number = any(${`{${g.rows.slice(i, i + 50_000).join(",")}}`}::int[])`);
    }
  }
}
