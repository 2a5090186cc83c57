import "server-only";
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { identities, listSubmissions, persons, regions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { categoryPriorityFor } from "./category-priority";
import { countyOf } from "./county-of";
import { maskIdNumber } from "./id-number";
import { categoryTimeline, resolveCategoryOn } from "./resolve-category";

export interface PersonSearch {
  idNumber?: string;
  name?: string;
  townshipCode?: string;
}

/**
 * W3 lookup within the caller's county: by ID number (exact), by name (fuzzy: the
 * typed characters in order, so 张三 finds 张小三), or by township. ID numbers come
 * back masked; the full number is only given by revealIdNumber (audited).
 */
export async function searchPersons(db: DbOrTx, actor: SessionUser, query: PersonSearch, limit = 50) {
  const regionCode = countyOf(actor);
  const conditions = [eq(persons.regionCode, regionCode)];
  if (query.idNumber) conditions.push(eq(persons.idNumber, query.idNumber.toUpperCase()));
  if (query.name) {
    const pattern = `%${[...query.name.replace(/[%_\\\s]/g, "")].join("%")}%`;
    conditions.push(like(persons.name, pattern));
  }
  if (query.townshipCode) conditions.push(eq(persons.townshipCode, query.townshipCode));
  if (conditions.length === 1) return [];
  const rows = await db
    .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name, townshipCode: persons.townshipCode, township: regions.name })
    .from(persons)
    .leftJoin(regions, eq(regions.code, persons.townshipCode))
    .where(and(...conditions))
    // Closest names first: an exact match, then the shortest.
    .orderBy(sql`(${persons.name} = ${query.name ?? ""}) desc`, sql`char_length(${persons.name})`, asc(persons.name))
    .limit(limit);
  return rows.map(({ idNumber, ...r }) => ({ ...r, maskedIdNumber: maskIdNumber(idNumber) }));
}

/** A person's page (W3): category history as a timeline and the resolved category today. */
export async function getPerson(db: DbOrTx, actor: SessionUser, personId: string, today: string) {
  const [person] = await db
    .select({ person: persons, township: regions.name })
    .from(persons)
    .leftJoin(regions, eq(regions.code, persons.townshipCode))
    .where(eq(persons.id, personId))
    .limit(1);
  if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  assertInScope(actor, { permission: "beneficiary.read", region: person.person.regionCode });
  const history = await db
    .select({ identity: identities, sourceMonth: listSubmissions.month, sourceFile: listSubmissions.fileName })
    .from(identities)
    .leftJoin(listSubmissions, eq(listSubmissions.id, identities.sourceSubmissionId))
    .where(eq(identities.personId, personId))
    .orderBy(asc(identities.validFrom));
  const items = history.map((h) => ({
    id: h.identity.id,
    category: h.identity.category,
    department: h.identity.departmentCode,
    validFrom: String(h.identity.validFrom),
    validTo: h.identity.validTo === null ? null : String(h.identity.validTo),
    sourceMonth: h.sourceMonth,
  }));
  const priority = categoryPriorityFor(person.person.regionCode, today);
  const { idNumber, ...rest } = person.person;
  return {
    person: { ...rest, maskedIdNumber: maskIdNumber(idNumber), township: person.township },
    identities: items,
    today: resolveCategoryOn(items, today, priority),
    timeline: categoryTimeline(items, priority),
  };
}

/** The full ID number, once, written to the audit log (quality.md: every full view is logged). */
export async function revealIdNumber(db: DbOrTx, actor: SessionUser, personId: string) {
  const [person] = await db.select({ id: persons.id, idNumber: persons.idNumber, regionCode: persons.regionCode }).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!person) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  assertInScope(actor, { permission: "beneficiary.reveal", region: person.regionCode });
  await recordAudit(db, { actor, action: "person.reveal_id_number", targetType: "person", targetId: person.id });
  return person.idNumber;
}
