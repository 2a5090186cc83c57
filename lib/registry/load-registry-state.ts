import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { selectTuples, textArray } from "@/db/bulk";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import type { RegistryState } from "./plan-reconciliation";

/** The registry as it stands for the people a list names: their data, open identities and certification history. */
export async function loadRegistryState(db: DbOrTx, regionCode: string, idNumbers: readonly string[]): Promise<Map<string, RegistryState>> {
  const state = new Map<string, RegistryState>();
  if (idNumbers.length === 0) return state;
  const tuples = await selectTuples(
    db,
    sql`select p.id, p.id_number, p.name, p.township_code, p.phone, p.birth_date,
               i.id as identity_id, i.category, i.department_code, i.valid_from, i.valid_to
        from persons p
        left join identities i on i.person_id = p.id
        where p.region_code = ${regionCode} and p.id_number = any(${textArray(idNumbers)})`,
    ["id", "id_number", "name", "township_code", "phone", "birth_date", "identity_id", "category", "department_code", "valid_from", "valid_to"],
    "t.id, t.identity_id",
  );
  // One pass over the tuples, no row objects: a county month reads 400,000 of them.
  for (const [id, idNumber, name, townshipCode, phone, birthDate, identityId, category, department, validFrom, validTo] of tuples) {
    let entry = state.get(idNumber!);
    if (!entry) {
      entry = { personId: id!, name: name!, townshipCode: townshipCode!, phone: phone || null, birthDate: birthDate!, open: [], certified: [] };
      state.set(idNumber!, entry);
    }
    if (identityId && category && department) {
      entry.certified.push(`${category}|${department}|${validFrom}`);
      if (!validTo) entry.open.push({ identityId: Number(identityId), category: category as CategoryCode, department: department as DepartmentCode });
    }
  }
  return state;
}
