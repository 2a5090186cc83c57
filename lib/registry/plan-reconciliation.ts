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
  registry: ReadonlyMap<string, { name: string }>,
  dismissed: ReadonlySet<string>,
): ConflictCandidate[] {
  const found: ConflictCandidate[] = [];
  const add = (c: ConflictCandidate) => {
    if (!dismissed.has(dismissalKey(c.idNumber, c.kind, c.pairKey))) found.push(c);
  };
  const ref = (r: SubmittedRow): RowRef => ({ submissionId: r.submissionId, rowNumber: r.rowNumber });
  // A category claimed by a department that does not certify it (P-ID-1).
  const checkDepartment = (idNumber: string, r: SubmittedRow) => {
    if (!isCategoryOfDepartment(r.category, r.department)) {
      add({ idNumber, kind: "WRONG_DEPARTMENT", rows: [ref(r)], pairKey: `${r.department}:${r.category}`, details: { department: r.department, category: r.category } });
    }
  };
  // Most people of a month have one row under the name the registry holds: only the department
  // check applies, and their rows are not grouped into lists.
  const byId = new Map<string, SubmittedRow[]>();
  const firstRow = new Map<string, SubmittedRow>();
  for (const row of rows) {
    const first = firstRow.get(row.idNumber);
    if (!first) firstRow.set(row.idNumber, row);
    else {
      const list = byId.get(row.idNumber);
      if (list) list.push(row);
      else byId.set(row.idNumber, [first, row]);
    }
  }
  for (const [idNumber, row] of firstRow) {
    const registered = registry.get(idNumber)?.name;
    if (!byId.has(idNumber) && (registered === undefined || registered === row.name)) {
      checkDepartment(idNumber, row);
      continue;
    }
    const list = byId.get(idNumber) ?? [row];
    // Same ID, different names (between lists, or against the registry).
    const names = new Map<string, string[]>();
    if (registered) names.set(registered, ["登记库"]);
    for (const r of list) names.set(r.name, [...(names.get(r.name) ?? []), r.department]);
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
    for (const r of list) checkDepartment(idNumber, r);
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
  certified: string[];
}

export interface ApplicationPlan {
  newPersons: Array<{ idNumber: string; name: string; townshipCode: string; phone: string | null }>;
  personUpdates: Array<{ idNumber: string; name: string; townshipCode: string; phone: string | null }>;
  /** identities to create; one opened and removed by rows of the same batch keeps its history (validTo set) */
  opened: Array<{
    idNumber: string;
    /** the registry's person; null for someone this plan adds */
    personId: string | null;
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
  type PersonData = ApplicationPlan["newPersons"][number];
  type OpenIdentity = RegistryState["open"][number] | Opened; // in the registry, or opened by this plan
  // Only the people this plan changes get state of their own: a month names 400,000 people
  // and changes a few thousand.
  const planned = new Map<string, PersonData>();
  const plannedOpen = new Map<string, readonly OpenIdentity[]>();
  const NONE: readonly OpenIdentity[] = [];
  for (const row of rows) {
    let outcome: "applied" | "unchanged" = "unchanged";
    const known = registry.get(row.idNumber);
    const person: PersonData | RegistryState | undefined = planned.get(row.idNumber) ?? known;
    if (!person && row.changeType === "REMOVE") {
      // Nobody to take off the list: the row changes nothing and makes no person record.
      plan.counts.unchanged += 1;
      plan.outcomes.push({ submissionId: row.submissionId, rowNumber: row.rowNumber, outcome, note: NOT_IN_REGISTRY_NOTE });
      continue;
    }
    const phone = row.phone ?? person?.phone ?? null;
    if (!person) {
      const wanted = { idNumber: row.idNumber, name: row.name, townshipCode: row.townshipCode, phone };
      plan.newPersons.push(wanted);
      planned.set(row.idNumber, wanted);
    } else if (person.name !== row.name || person.townshipCode !== row.townshipCode || person.phone !== phone) {
      const wanted = { idNumber: row.idNumber, name: row.name, townshipCode: row.townshipCode, phone };
      plan.personUpdates.push(wanted);
      planned.set(row.idNumber, wanted);
      plan.counts.changed += 1;
      outcome = "applied";
    }
    const open = plannedOpen.get(row.idNumber) ?? known?.open ?? NONE;
    const current = open.find((i) => i.category === row.category && i.department === row.department);
    if (row.changeType === "REMOVE") {
      if (current) {
        if ("identityId" in current) plan.closed.push({ identityId: current.identityId, validTo: row.certifiedOn, submissionId: row.submissionId });
        else Object.assign(current, { validTo: row.certifiedOn, closedBySubmissionId: row.submissionId });
        plannedOpen.set(row.idNumber, open.filter((i) => i !== current));
        plan.counts.removed += 1;
        outcome = "applied";
      }
    } else if (!current && !known?.certified.includes(`${row.category}|${row.department}|${row.certifiedOn}`)) {
      const opened: Opened = {
        idNumber: row.idNumber,
        personId: known?.personId ?? null,
        category: row.category,
        department: row.department,
        validFrom: row.certifiedOn,
        submissionId: row.submissionId,
        validTo: null,
        closedBySubmissionId: null,
      };
      plan.opened.push(opened);
      plannedOpen.set(row.idNumber, [...open, opened]);
      plan.counts.added += 1;
      outcome = "applied";
    }
    if (outcome === "unchanged") plan.counts.unchanged += 1;
    plan.outcomes.push({ submissionId: row.submissionId, rowNumber: row.rowNumber, outcome });
  }
  return plan;
}
