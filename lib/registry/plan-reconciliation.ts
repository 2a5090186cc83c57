/**
 * The month's merge (W2, P-ID-2): which rows conflict, and what the others change.
 * Pure: the reconciliation use case loads the rows and the registry, and writes the plan.
 */
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import { isCategoryOfDepartment } from "./department-categories";
import type { ListRow } from "./plan-list-changes";

export interface SubmittedRow extends ListRow {
  submissionId: string;
  department: DepartmentCode;
}

export type ConflictKind = "NAME_MISMATCH" | "ADDED_AND_REMOVED" | "WRONG_DEPARTMENT";

export interface RowRef {
  submissionId: string;
  rowNumber: number;
}

export interface ConflictCandidate {
  idNumber: string;
  kind: ConflictKind;
  /** the rows the conflict holds back until a clerk decides */
  rows: RowRef[];
  /** names the pair of claims, so a "not a conflict" decision is recognised next month */
  pairKey: string;
  details: Record<string, unknown>;
}

export const dismissalKey = (idNumber: string, kind: ConflictKind, pairKey: string) => `${idNumber}|${kind}|${pairKey}`;

/** Conflicts among the month's rows (and against the registry's names), minus remembered dismissals. */
export function findConflicts(
  rows: readonly SubmittedRow[],
  registryNames: ReadonlyMap<string, string>,
  dismissed: ReadonlySet<string>,
): ConflictCandidate[] {
  const byId = new Map<string, SubmittedRow[]>();
  for (const row of rows) {
    const list = byId.get(row.idNumber);
    if (list) list.push(row);
    else byId.set(row.idNumber, [row]);
  }
  const found: ConflictCandidate[] = [];
  const add = (c: ConflictCandidate) => {
    if (!dismissed.has(dismissalKey(c.idNumber, c.kind, c.pairKey))) found.push(c);
  };
  for (const [idNumber, list] of byId) {
    // Same ID, different names (between lists, or against the registry).
    const names = new Map<string, string[]>();
    const registered = registryNames.get(idNumber);
    if (registered) names.set(registered, ["登记库"]);
    for (const r of list) names.set(r.name, [...(names.get(r.name) ?? []), r.department]);
    const ref = (r: SubmittedRow): RowRef => ({ submissionId: r.submissionId, rowNumber: r.rowNumber });
    if (names.size > 1) {
      add({
        idNumber,
        kind: "NAME_MISMATCH",
        rows: list.map(ref),
        pairKey: [...names.keys()].sort().join("|"),
        details: { names: [...names].map(([name, sources]) => ({ name, sources: [...new Set(sources)] })) },
      });
    }
    // Removed by one list and added by another.
    for (const removed of list.filter((r) => r.changeType === "REMOVE")) {
      for (const added of list.filter((r) => r.changeType === "ADD" && r.department !== removed.department)) {
        add({
          idNumber,
          kind: "ADDED_AND_REMOVED",
          rows: [ref(removed), ref(added)],
          pairKey: `${removed.department}:${removed.category}>${added.department}:${added.category}`,
          details: {
            removed: { department: removed.department, category: removed.category, date: removed.certifiedOn },
            added: { department: added.department, category: added.category, date: added.certifiedOn },
          },
        });
      }
    }
    // A category claimed by a department that does not certify it (P-ID-1).
    for (const r of list) {
      if (!isCategoryOfDepartment(r.category, r.department)) {
        add({ idNumber, kind: "WRONG_DEPARTMENT", rows: [ref(r)], pairKey: `${r.department}:${r.category}`, details: { department: r.department, category: r.category } });
      }
    }
  }
  return found;
}

/** The outcome note of a removal (减少) row naming someone the registry has never held. */
export const NOT_IN_REGISTRY_NOTE = "不在名册中，无需减少";

export interface RegistryState {
  personId: string | null;
  name: string;
  townshipCode: string;
  phone: string | null;
  birthDate: string;
  open: Array<{ identityId: number; category: CategoryCode; department: DepartmentCode }>;
  /** "category|department|validFrom" of every identity, open or closed: an ADD already applied is not re-opened */
  certified: Set<string>;
}

export interface ApplicationPlan {
  newPersons: Array<{ idNumber: string; name: string; townshipCode: string; phone: string | null }>;
  personUpdates: Array<{ idNumber: string; name: string; townshipCode: string; phone: string | null }>;
  /** identities to create; one opened and removed by rows of the same batch keeps its history (validTo set) */
  opened: Array<{
    idNumber: string;
    category: CategoryCode;
    department: DepartmentCode;
    validFrom: string;
    submissionId: string;
    validTo: string | null;
    closedBySubmissionId: string | null;
  }>;
  closed: Array<{ identityId: number; validTo: string; submissionId: string }>;
  outcomes: Array<{ submissionId: string; rowNumber: number; outcome: "applied" | "unchanged"; note?: string }>;
  counts: { added: number; removed: number; changed: number; unchanged: number };
}

/**
 * What the rows change: ADD/CURRENT open an identity unless one is open; REMOVE closes
 * the open one on its date (validTo exclusive). Idempotent: a second run changes nothing, and
 * re-running an earlier month does not re-open an identity a later list closed.
 */
export function planApplication(rows: readonly SubmittedRow[], registry: ReadonlyMap<string, RegistryState>): ApplicationPlan {
  const plan: ApplicationPlan = { newPersons: [], personUpdates: [], opened: [], closed: [], outcomes: [], counts: { added: 0, removed: 0, changed: 0, unchanged: 0 } };
  type Opened = ApplicationPlan["opened"][number];
  const open = new Map<string, Map<string, number | Opened>>(); // id → "category|department" → identity id, or the planned one
  const seenPerson = new Map<string, { name: string; townshipCode: string; phone: string | null }>();
  for (const [id, state] of registry) {
    open.set(id, new Map(state.open.map((i) => [`${i.category}|${i.department}`, i.identityId])));
    seenPerson.set(id, { name: state.name, townshipCode: state.townshipCode, phone: state.phone });
  }
  for (const row of rows) {
    let outcome: "applied" | "unchanged" = "unchanged";
    const person = seenPerson.get(row.idNumber);
    if (!person && row.changeType === "REMOVE") {
      // Nobody to take off the list: the row changes nothing and makes no person record.
      plan.counts.unchanged += 1;
      plan.outcomes.push({ submissionId: row.submissionId, rowNumber: row.rowNumber, outcome, note: NOT_IN_REGISTRY_NOTE });
      continue;
    }
    const wanted = { idNumber: row.idNumber, name: row.name, townshipCode: row.townshipCode, phone: row.phone ?? person?.phone ?? null };
    if (!person) {
      plan.newPersons.push(wanted);
      seenPerson.set(row.idNumber, wanted);
      open.set(row.idNumber, new Map());
    } else if (person.name !== wanted.name || person.townshipCode !== wanted.townshipCode || person.phone !== wanted.phone) {
      plan.personUpdates.push(wanted);
      seenPerson.set(row.idNumber, wanted);
      plan.counts.changed += 1;
      outcome = "applied";
    }
    const identities = open.get(row.idNumber)!;
    const key = `${row.category}|${row.department}`;
    const current = identities.get(key);
    if (row.changeType === "REMOVE") {
      if (typeof current === "number") plan.closed.push({ identityId: current, validTo: row.certifiedOn, submissionId: row.submissionId });
      else if (current) Object.assign(current, { validTo: row.certifiedOn, closedBySubmissionId: row.submissionId });
      if (current !== undefined) {
        identities.delete(key);
        plan.counts.removed += 1;
        outcome = "applied";
      }
    } else if (current === undefined && !registry.get(row.idNumber)?.certified.has(`${key}|${row.certifiedOn}`)) {
      const opened: Opened = {
        idNumber: row.idNumber,
        category: row.category,
        department: row.department,
        validFrom: row.certifiedOn,
        submissionId: row.submissionId,
        validTo: null,
        closedBySubmissionId: null,
      };
      plan.opened.push(opened);
      identities.set(key, opened);
      plan.counts.added += 1;
      outcome = "applied";
    }
    if (outcome === "unchanged") plan.counts.unchanged += 1;
    plan.outcomes.push({ submissionId: row.submissionId, rowNumber: row.rowNumber, outcome });
  }
  return plan;
}
