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
    "t.id_number, t.identity_id",
  );
  const rows = tuples.map(([id, id_number, name, township_code, phone, birth_date, identity_id, category, department_code, valid_from, valid_to]) => ({
    id: id!,
    id_number: id_number!,
    name: name!,
    township_code: township_code!,
    phone: phone || null,
    birth_date: birth_date!,
    identity_id: identity_id ? Number(identity_id) : null,
    category: (category || null) as CategoryCode | null,
    department_code: (department_code || null) as DepartmentCode | null,
    valid_from: valid_from || null,
    valid_to: valid_to || null,
  }));
  for (const r of rows) {
    let entry = state.get(r.id_number);
    if (!entry) {
      entry = { personId: r.id, name: r.name, townshipCode: r.township_code, phone: r.phone, birthDate: r.birth_date, open: [], certified: new Set() };
      state.set(r.id_number, entry);
    }
    if (r.identity_id !== null && r.category && r.department_code) {
      entry.certified.add(`${r.category}|${r.department_code}|${r.valid_from}`);
      if (r.valid_to === null) entry.open.push({ identityId: Number(r.identity_id), category: r.category, department: r.department_code });
    }
  }
  return state;
}
