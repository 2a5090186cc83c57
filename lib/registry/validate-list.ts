/**
 * Row-level validation of a department list (domain.md W1 step 2, policy-book.md P-ID-1).
 *
 * Public surface:
 *  - `validateListRows(rows, { department, townships, today, month })` → `{ valid, errors }`
 *  - `ValidListRow`, `ListRowError`, `ValidateListOptions`
 *  - `parseListDate(cell)` → "YYYY-MM-DD" | "invalid" (not a date) | "nonexistent" (e.g. 2月30日)
 *  - `normalisePhone(cell)` → normalised phone or null when it is not a phone number
 *  - `isChineseName(cell)`
 *
 * Every error names the row (as the spreadsheet shows it) and the column (Chinese header) and is
 * in plain Chinese without personal data. A row with any error is left out of `valid`.
 * Duplicates: the same ID number and category twice → the later row is an error naming the
 * first; the same ID number with different names → every row of that number is an error.
 * Pure and linear: `today` ("YYYY-MM-DD") is a parameter.
 */
import type { CategoryCode, ChangeType, DepartmentCode } from "@/db/schema/enums";
import { CATEGORY_LABELS, DEPARTMENT_CATEGORY_CODES, DEPARTMENT_NAMES, parseCategory, parseChangeType } from "./department-categories";
import { daysInMonth, parseIdNumber } from "./id-number";
import { COLUMN_HEADERS, type ColumnKey, type ListFileRow } from "./list-file";
import { monthEnd, monthLabel } from "./months";

export interface ValidListRow {
  rowNumber: number;
  /** Normalised: 18 characters, upper-case X. */
  idNumber: string;
  name: string;
  category: CategoryCode;
  changeType: ChangeType;
  /** "YYYY-MM-DD" */
  certifiedOn: string;
  /** Nine-digit township code. */
  townshipCode: string;
  phone: string | null;
}

export interface ListRowError {
  rowNumber: number;
  /** The Chinese column header (公民身份号码, 姓名, 类别, 变动类型, 认定日期, 乡镇（街道）, 联系电话). */
  column: string;
  message: string;
}

export interface ValidateListOptions {
  department: DepartmentCode;
  /** The townships of the county (nine-digit codes). */
  townships: ReadonlyArray<{ code: string; name: string }>;
  /** "YYYY-MM-DD": dates after it are in the future. */
  today: string;
  /** "YYYY-MM": the month the list reports; certification dates after its last day are refused. */
  month: string;
}

export interface ValidateListResult {
  valid: ValidListRow[];
  errors: ListRowError[];
}


/* ------------------------------------------------------------------------------------------ */
/* Cell parsers                                                                               */

const DATE_RES: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** "2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "20240301" → "2024-03-01". */
export function parseListDate(cell: string): string | "invalid" | "nonexistent" {
  const s = cell.trim();
  for (const re of DATE_RES) {
    const m = re.exec(s);
    if (!m) continue;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return "nonexistent";
    return `${m[1]}-${mo < 10 ? "0" : ""}${mo}-${d < 10 ? "0" : ""}${d}`;
  }
  return "invalid";
}

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

/** An 11-digit mobile number or a landline with its area code; blanks removed, +86 dropped. */
export function normalisePhone(cell: string): string | null {
  let s = cell.normalize("NFKC").replace(/[\s()（）]/g, "");
  s = s.replace(/^(?:\+86|0086)-?/, "");
  const digits = s.replace(/-/g, "");
  if (MOBILE_RE.test(digits)) return digits;
  if (LANDLINE_RE.test(s)) return s;
  return null;
}

const NAME_RE = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const DOT_RE = /[•・．.‧∙⋅･]/g;

function normaliseName(cell: string): string {
  return cell.replace(DOT_RE, "·");
}

/** 2–20 Chinese characters; minority names may join parts with "·". */
export function isChineseName(name: string): boolean {
  if (!NAME_RE.test(name)) return false;
  let n = 0;
  for (const _ of name) n++;
  return n >= 2 && n <= 20;
}

/* ------------------------------------------------------------------------------------------ */


function quote(text: string): string {
  const shown = [...text].slice(0, 20).join("");
  return `“${shown}${shown.length < text.length ? "…" : ""}”`;
}

/** Validate the rows of a list for one department. */
export function validateListRows(rows: readonly ListFileRow[], options: ValidateListOptions): ValidateListResult {
  const { department, today, month } = options;
  const lastDay = monthEnd(month);
  const monthName = monthLabel(month);
  const allowed = DEPARTMENT_CATEGORY_CODES[department];
  const allowedText = allowed.map((c) => CATEGORY_LABELS[c]).join("、");
  const deptName = DEPARTMENT_NAMES[department];

  const townshipByKey = new Map<string, string>();
  for (const t of options.townships) {
    townshipByKey.set(t.code, t.code);
    townshipByKey.set(t.name.trim(), t.code);
  }

  const errors: ListRowError[] = [];
  const candidates: ValidListRow[] = [];
  /** ID number → its first row, name, and the first row of each category seen */
  const firstOfId = new Map<string, { nameRow: number; name: string; conflict: boolean; categories: Array<[CategoryCode, number]> }>();
  const conflictIds = new Set<string>();

  // One error sink for all rows (a closure per row costs more than the checks themselves).
  let rowNumber = 0;
  let bad = false;
  const err = (key: ColumnKey, message: string) => {
    errors.push({ rowNumber, column: COLUMN_HEADERS[key], message });
    bad = true;
  };

  for (const row of rows) {
    rowNumber = row.rowNumber;
    const cells = row.cells;
    bad = false;

    const rawName = cells.name;
    if (rawName.includes("示例")) {
      err("name", "这是模板中的示例行，请删除后再上传");
      continue;
    }

    // 公民身份号码
    const id = parseIdNumber(cells.idNumber, today);
    if (!id.ok) err("idNumber", id.message);

    // 姓名
    const name = normaliseName(rawName);
    if (name === "") err("name", "未填写姓名");
    else if (!isChineseName(name)) err("name", "姓名应为2至20个汉字，少数民族姓名的各部分可用“·”分隔");

    // 类别
    let category: CategoryCode | null = null;
    if (cells.category === "") err("category", "未填写类别");
    else {
      category = parseCategory(cells.category);
      if (category === null) err("category", `无法识别的类别${quote(cells.category)}，请填写类别名称（如“${CATEGORY_LABELS[allowed[0] ?? "DIBAO"]}”）或代码`);
      else if (!allowed.includes(category)) {
        err("category", `类别“${CATEGORY_LABELS[category]}”不属于${deptName}报送范围${allowedText ? `（${deptName}报送：${allowedText}）` : ""}`);
        category = null;
      }
    }

    // 变动类型
    let changeType: ChangeType | null = null;
    if (cells.changeType === "") err("changeType", "未填写变动类型");
    else {
      changeType = parseChangeType(cells.changeType);
      if (changeType === null) err("changeType", "变动类型应为“新增”“减少”或“在册”");
    }

    // 认定日期
    let certifiedOn: string | null = null;
    if (cells.certifiedOn === "") err("certifiedOn", "未填写认定日期");
    else {
      const d = parseListDate(cells.certifiedOn);
      if (d === "invalid") err("certifiedOn", "认定日期格式应为“2024-03-01”“2024/3/1”或“2024年3月1日”");
      else if (d === "nonexistent") err("certifiedOn", "认定日期不存在");
      else if (d > today) err("certifiedOn", "认定日期晚于今天");
      else if (d > lastDay) err("certifiedOn", `认定日期晚于报送月份（${monthName}），请在下月名单中报送`);
      else if (id.ok && d < id.birthDate) err("certifiedOn", "认定日期早于出生日期");
      else certifiedOn = d;
    }

    // 乡镇（街道）
    let townshipCode: string | undefined;
    const township = cells.township;
    if (township === "") err("township", "未填写乡镇（街道）");
    else {
      townshipCode = townshipByKey.get(township) ?? (/^\d{9}000$/.test(township) ? townshipByKey.get(township.slice(0, 9)) : undefined);
      if (townshipCode === undefined) err("township", `乡镇（街道）${quote(township)}不在本县的乡镇（街道）名单中，请填写名称（如“${options.townships[0]?.name ?? "汉葭街道"}”）或九位代码`);
    }

    // 联系电话 (optional)
    let phone: string | null = null;
    if (cells.phone !== "") {
      phone = normalisePhone(cells.phone);
      if (phone === null) err("phone", "联系电话应为11位手机号码或带区号的固定电话（如 023-78441234），可不填");
    }

    // Duplicates inside the file
    if (id.ok) {
      let seen = firstOfId.get(id.idNumber);
      if (seen === undefined) {
        seen = { nameRow: 0, name: "", conflict: false, categories: [] };
        firstOfId.set(id.idNumber, seen);
      }
      if (category !== null) {
        let first = 0;
        for (const [c, r] of seen.categories) if (c === category) first = r;
        if (first !== 0) err("idNumber", `与第 ${first} 行重复：同一公民身份号码、同一类别在文件中出现了两次`);
        else seen.categories.push([category, rowNumber]);
      }
      if (name !== "") {
        if (seen.nameRow === 0) {
          seen.nameRow = rowNumber;
          seen.name = name;
        } else if (seen.name !== name) {
          err("name", `公民身份号码与第 ${seen.nameRow} 行相同，但姓名不同`);
          if (!seen.conflict) {
            seen.conflict = true;
            conflictIds.add(id.idNumber);
            errors.push({ rowNumber: seen.nameRow, column: COLUMN_HEADERS.name, message: `公民身份号码与第 ${rowNumber} 行相同，但姓名不同` });
          }
        }
      }
    }

    if (bad || !id.ok || category === null || changeType === null || certifiedOn === null || townshipCode === undefined) continue;
    candidates.push({ rowNumber, idNumber: id.idNumber, name, category, changeType, certifiedOn, townshipCode, phone });
  }

  const valid = conflictIds.size === 0 ? candidates : candidates.filter((r) => !conflictIds.has(r.idNumber));
  if (conflictIds.size > 0) {
    const order = new Map(Object.values(COLUMN_HEADERS).map((h, i) => [h, i]));
    errors.sort((a, b) => a.rowNumber - b.rowNumber || (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0));
  }
  return { valid, errors };
}
