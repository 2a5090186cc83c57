/**
 * What a department list would change in the registry (W1.3 preview) and what the
 * county's reconciliation applies (W2): pure planning over the rows and the current
 * registry state of the people they name. The database layer loads and writes.
 */
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import type { ValidListRow } from "./validate-list";

/** A validated row of a department list (the validator's output is the planner's input). */
export type ListRow = ValidListRow;

export interface RegistryEntry {
  name: string;
  townshipCode: string;
  phone: string | null;
  /** identities in force now (validTo null) */
  open: Array<{ category: CategoryCode; department: DepartmentCode }>;
}

export type PreviewKind = "new" | "leaving" | "changed" | "unchanged" | "not_registered";

export interface PreviewLine {
  rowNumber: number;
  idNumber: string;
  name: string;
  category: CategoryCode;
  kind: PreviewKind;
  /** what differs from the registry (姓名, 乡镇（街道）, 联系电话) */
  changes: string[];
}

export const PREVIEW_LABELS: Record<PreviewKind, string> = {
  new: "新增认定",
  leaving: "退出",
  changed: "信息变更",
  unchanged: "无变化",
  not_registered: "减少但未在册",
};

function personChanges(row: ListRow, entry: RegistryEntry | undefined): string[] {
  if (!entry) return [];
  const out: string[] = [];
  if (entry.name !== row.name) out.push("姓名");
  if (entry.townshipCode !== row.townshipCode) out.push("乡镇（街道）");
  if (row.phone && entry.phone !== row.phone) out.push("联系电话");
  return out;
}

/** The difference of one department's rows against the registry (W1.3). */
export function previewAgainstRegistry(rows: readonly ListRow[], department: DepartmentCode, registry: ReadonlyMap<string, RegistryEntry>) {
  const lines: PreviewLine[] = [];
  const counts: Record<PreviewKind, number> = { new: 0, leaving: 0, changed: 0, unchanged: 0, not_registered: 0 };
  for (const row of rows) {
    const entry = registry.get(row.idNumber);
    const isOpen = !!entry?.open.some((i) => i.category === row.category && i.department === department);
    const changes = personChanges(row, entry);
    let kind: PreviewKind;
    if (row.changeType === "REMOVE") kind = isOpen ? "leaving" : "not_registered";
    else if (!isOpen) kind = "new";
    else kind = changes.length ? "changed" : "unchanged";
    counts[kind] += 1;
    lines.push({ rowNumber: row.rowNumber, idNumber: row.idNumber, name: row.name, category: row.category, kind, changes });
  }
  return { counts, lines };
}
