/**
 * Which department certifies which category (policy-book.md P-ID-1), the Chinese labels of
 * categories and change types (glossary.md), and the parsers for the list cells.
 *
 * Public surface:
 *  - `DEPARTMENT_CATEGORY_CODES`: department → categories it reports (YIBAO reports none)
 *  - `categoryDepartment(category)` → the certifying department, or null for NONE
 *  - `isCategoryOfDepartment(category, department)`
 *  - `CATEGORY_FULL_LABELS` (glossary wording), `CATEGORY_LABELS` (name without the parenthesised
 *    scope, used in messages), `CATEGORY_SHORT_LABELS` (badges, tables)
 *  - `CHANGE_TYPE_LABELS` (新增/减少/在册)
 *  - `DEPARTMENT_NAMES` (县民政局 …)
 *  - `parseCategory(cell)` / `parseChangeType(cell)` → code or null; accept a code (any case),
 *    or any label, with full- or half-width parentheses, dashes and blanks tolerated.
 */
import { DEPARTMENT_LABELS as DEPARTMENT_NAMES } from "@/lib/labels";
import { CATEGORY_LABELS } from "@/lib/settlement/labels";
import { CATEGORY_CODES, CHANGE_TYPES, type CategoryCode, type ChangeType, type DepartmentCode } from "@/db/schema/enums";

export const DEPARTMENT_CATEGORY_CODES: Readonly<Record<DepartmentCode, readonly CategoryCode[]>> = {
  YIBAO: [],
  MINZHENG: ["TEKUN", "DIBAO", "DIBIAN", "YINBING"],
  XIANGCUN: ["FANPIN", "JIANCE"],
  TUIYI: ["YOUFU"],
  CANLIAN: ["ZHONGCAN"],
  FUPIN: ["JIANDANG"],
};

/** Departments that send monthly lists to a county office today (P-ID-1; FUPIN only under the 2018–2020 documents). */
export const LIST_DEPARTMENTS = ["MINZHENG", "XIANGCUN", "TUIYI", "CANLIAN"] as const satisfies readonly DepartmentCode[];

/** The department names used in messages: the one list in lib/labels.ts. */
export { DEPARTMENT_LABELS as DEPARTMENT_NAMES } from "@/lib/labels";

export const CATEGORY_FULL_LABELS: Readonly<Record<CategoryCode, string>> = {
  TEKUN: "特困人员（含城市“三无”人员、农村五保对象、城乡孤儿、事实无人抚养困境儿童）",
  DIBAO: "低保对象（最低生活保障家庭成员）",
  DIBIAN: "低保边缘家庭成员",
  YINBING: "因病致贫重病患者",
  FANPIN: "返贫致贫人口",
  JIANCE: "纳入监测范围的农村易返贫致贫人口",
  YOUFU: "在乡重点优抚对象（不含1—6级残疾军人）",
  ZHONGCAN: "城乡重度（1—2级）残疾人员",
  JIANDANG: "建档立卡农村贫困人口",
  NONE: "普通参保人",
};

export { CATEGORY_LABELS } from "@/lib/settlement/labels";

export const CATEGORY_SHORT_LABELS: Readonly<Record<CategoryCode, string>> = {
  TEKUN: "特困人员",
  DIBAO: "低保对象",
  DIBIAN: "低保边缘",
  YINBING: "因病致贫",
  FANPIN: "返贫致贫",
  JIANCE: "监测对象",
  YOUFU: "优抚对象",
  ZHONGCAN: "重度残疾",
  JIANDANG: "建档立卡",
  NONE: "普通参保人",
};

export const CHANGE_TYPE_LABELS: Readonly<Record<ChangeType, string>> = {
  ADD: "新增",
  REMOVE: "减少",
  CURRENT: "在册",
};

const CATEGORY_DEPARTMENT = new Map<CategoryCode, DepartmentCode>();
for (const [dept, cats] of Object.entries(DEPARTMENT_CATEGORY_CODES) as [DepartmentCode, readonly CategoryCode[]][]) {
  for (const c of cats) CATEGORY_DEPARTMENT.set(c, dept);
}

/** The department that certifies a category (P-ID-1), or null for NONE. */
export function categoryDepartment(category: CategoryCode): DepartmentCode | null {
  return CATEGORY_DEPARTMENT.get(category) ?? null;
}

export function isCategoryOfDepartment(category: CategoryCode, department: DepartmentCode): boolean {
  return DEPARTMENT_CATEGORY_CODES[department].includes(category);
}

/** Fold the variants clerks type: blanks, full/half-width parentheses, dashes, quotes, case. */
export function normaliseLabel(cell: string): string {
  return cell
    .normalize("NFKC") // full-width ASCII → half-width, （）→ ()
    .replace(/[\s\u3000\u200b\ufeff]+/g, "")
    .replace(/[—–―‐‑－~～]/g, "-")
    .replace(/[“”„"「」『』]/g, "\"")
    .toUpperCase();
}

const CATEGORY_LOOKUP = new Map<string, CategoryCode>();
for (const code of CATEGORY_CODES) {
  for (const label of [code, CATEGORY_FULL_LABELS[code], CATEGORY_LABELS[code], CATEGORY_SHORT_LABELS[code]]) {
    CATEGORY_LOOKUP.set(normaliseLabel(label), code);
  }
}

const CHANGE_LOOKUP = new Map<string, ChangeType>();
for (const code of CHANGE_TYPES) {
  CHANGE_LOOKUP.set(code, code);
  CHANGE_LOOKUP.set(normaliseLabel(CHANGE_TYPE_LABELS[code]), code);
}

/** The category a list cell names (code, full, standard or short label), or null. */
export function parseCategory(cell: string): CategoryCode | null {
  return CATEGORY_LOOKUP.get(cell) ?? CATEGORY_LOOKUP.get(normaliseLabel(cell)) ?? null;
}

/** The change type a list cell names (新增/减少/在册 or ADD/REMOVE/CURRENT), or null. */
export function parseChangeType(cell: string): ChangeType | null {
  return CHANGE_LOOKUP.get(cell) ?? CHANGE_LOOKUP.get(normaliseLabel(cell)) ?? null;
}
