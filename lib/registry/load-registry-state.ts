import "server-only";
import { sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { textArray } from "@/db/bulk";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import type { RegistryState } from "./plan-reconciliation";

/** The registry as it stands for the people a list names: their data, open identities and certification history. */
export async function loadRegistryState(db: DbOrTx, regionCode: string, idNumbers: readonly string[]): Promise<Map<string, RegistryState>> {
  const state = new Map<string, RegistryState>();
  if (idNumbers.length === 0) return state;
  const rows = await executeRows<{
    id: string;
    id_number: string;
    name: string;
    township_code: string;
    phone: string | null;
    birth_date: string;
    identity_id: number | null;
    valid_from: string | null;
    valid_to: string | null;
    category: CategoryCode | null;
    department_code: DepartmentCode | null;
  }>(
    db,
    sql`select p.id, p.id_number, p.name, p.township_code, p.phone, p.birth_date::text as birth_date,
               i.id as identity_id, i.category, i.department_code, i.valid_from::text as valid_from, i.valid_to::text as valid_to
        from persons p
        left join identities i on i.person_id = p.id
        where p.region_code = ${regionCode} and p.id_number = any(${textArray(idNumbers)})`,
  );
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
