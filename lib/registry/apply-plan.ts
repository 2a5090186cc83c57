import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { eachJsonChunk } from "@/db/bulk";
import type { ApplicationPlan, RowRef } from "./plan-reconciliation";

/** Birth date embedded in a (validated) ID number. */
const birthDateOf = (idNumber: string) => `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/** Writes a reconciliation plan in set-based statements (100k rows stay well within budget). */
export async function applyPlan(tx: DbOrTx, regionCode: string, plan: ApplicationPlan): Promise<void> {
  await eachJsonChunk(
    plan.newPersons.map((p) => ({ ...p, birth_date: birthDateOf(p.idNumber) })),
    (json) =>
      tx.execute(sql`
        insert into persons (id_number, name, region_code, township_code, phone, birth_date)
        select x."idNumber", x.name, ${regionCode}, x."townshipCode", x.phone, x.birth_date
        from json_to_recordset(${json}::json) as x("idNumber" varchar, name text, "townshipCode" varchar, phone varchar, birth_date date)`),
  );
  await eachJsonChunk(plan.personUpdates, (json) =>
    tx.execute(sql`
      update persons p set name = x.name, township_code = x."townshipCode", phone = x.phone, updated_at = now()
      from json_to_recordset(${json}::json) as x("idNumber" varchar, name text, "townshipCode" varchar, phone varchar)
      where p.id_number = x."idNumber"`),
  );
  await eachJsonChunk(plan.opened, (json) =>
    tx.execute(sql`
      insert into identities (person_id, category, department_code, valid_from, valid_to, source_submission_id, closed_by_submission_id)
      select p.id, x.category::category, x.department::department_code, x."validFrom", x."validTo", x."submissionId", x."closedBySubmissionId"
      from json_to_recordset(${json}::json) as x("idNumber" varchar, category text, department text, "validFrom" date, "validTo" date, "submissionId" uuid, "closedBySubmissionId" uuid)
      join persons p on p.id_number = x."idNumber"`),
  );
  await eachJsonChunk(plan.closed, (json) =>
    tx.execute(sql`
      update identities i set valid_to = x."validTo", closed_by_submission_id = x."submissionId"
      from json_to_recordset(${json}::json) as x("identityId" bigint, "validTo" date, "submissionId" uuid)
      where i.id = x."identityId" and i.valid_to is null`),
  );
  await setRowOutcomes(tx, plan.outcomes);
}

/** Records what became of each row (departments see their own rows' outcomes). */
export async function setRowOutcomes(tx: DbOrTx, outcomes: ReadonlyArray<RowRef & { outcome: string; note?: string | null }>): Promise<void> {
  await eachJsonChunk(outcomes, (json) =>
    tx.execute(sql`
      update list_submission_rows r set outcome = x.outcome::row_outcome, note = coalesce(x.note, r.note)
      from json_to_recordset(${json}::json) as x("submissionId" uuid, "rowNumber" int, outcome text, note text)
      where r.submission_id = x."submissionId" and r.row_number = x."rowNumber"`),
  );
}
