/**
 * The downloadable department list template (domain.md W1 step 1).
 *
 * Public surface:
 *  - `listTemplateRows(department?)` → the header and the example row as text
 *  - `listTemplateCsv(department?)` → Uint8Array, UTF-8 with BOM (Excel opens it with the right encoding)
 *  - `listTemplateXlsx(department?)` → Promise<Uint8Array>: header, the example row, 公民身份号码 and
 *    联系电话 columns formatted as text (so Excel keeps all 18 digits), drop-down lists for 类别
 *    (the department's own categories) and 变动类型
 *  - `TEMPLATE_EXAMPLE_NAME`
 *
 * The example row is obviously an example (姓名 “张三（示例）”); left in an upload, the validator
 * refuses it with “这是模板中的示例行，请删除后再上传”.
 */
import ExcelJS from "exceljs";
import type { DepartmentCode } from "@/db/schema/enums";
import { CATEGORY_LABELS, CHANGE_TYPE_LABELS, DEPARTMENT_CATEGORY_CODES } from "./department-categories";
import { LIST_COLUMNS, type ColumnKey } from "./list-file";

export const TEMPLATE_EXAMPLE_NAME = "张三（示例）";

/** Header texts in template order, and the example row (same order). */
export function listTemplateRows(department?: DepartmentCode): { header: string[]; example: string[] } {
  const category = (department ? DEPARTMENT_CATEGORY_CODES[department][0] : undefined) ?? "DIBAO";
  const example: Record<ColumnKey, string> = {
    idNumber: "500243199001010017", // a well-formed number (check digit 7) of an invented person
    name: TEMPLATE_EXAMPLE_NAME,
    category: CATEGORY_LABELS[category],
    changeType: CHANGE_TYPE_LABELS.ADD,
    certifiedOn: "2024-03-01",
    township: "汉葭街道",
    phone: "13800000000",
  };
  return { header: LIST_COLUMNS.map((c) => c.header), example: LIST_COLUMNS.map((c) => example[c.key]) };
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The template as CSV, UTF-8 with BOM, CRLF line ends. */
export function listTemplateCsv(department?: DepartmentCode): Uint8Array {
  const { header, example } = listTemplateRows(department);
  const text = `\ufeff${header.map(csvField).join(",")}\r\n${example.map(csvField).join(",")}\r\n`;
  return new TextEncoder().encode(text);
}

/** The template as an Excel workbook. */
export async function listTemplateXlsx(department?: DepartmentCode): Promise<Uint8Array> {
  const { header, example } = listTemplateRows(department);
  const wb = new ExcelJS.Workbook();
  wb.creator = "三重保障";
  const ws = wb.addWorksheet("名单", { views: [{ state: "frozen", ySplit: 1 }] });
  const widths: Record<ColumnKey, number> = { idNumber: 22, name: 14, category: 30, changeType: 10, certifiedOn: 14, township: 14, phone: 16 };
  ws.columns = LIST_COLUMNS.map((c) => ({
    key: c.key,
    width: widths[c.key],
    style: c.key === "idNumber" || c.key === "phone" || c.key === "certifiedOn" ? { numFmt: "@" } : {},
  }));
  const head = ws.getRow(1);
  head.values = header;
  head.font = { bold: true };
  const row = ws.getRow(2);
  row.values = example;
  row.font = { color: { argb: "FF808080" }, italic: true };
  for (const [idx, c] of LIST_COLUMNS.entries()) row.getCell(idx + 1).numFmt = c.key === "idNumber" || c.key === "phone" || c.key === "certifiedOn" ? "@" : "General";

  const categories = department ? DEPARTMENT_CATEGORY_CODES[department] : [];
  const catCol = LIST_COLUMNS.findIndex((c) => c.key === "category") + 1;
  const changeCol = LIST_COLUMNS.findIndex((c) => c.key === "changeType") + 1;
  const changeList = `"${Object.values(CHANGE_TYPE_LABELS).join(",")}"`;
  const catList = `"${categories.map((c) => CATEGORY_LABELS[c]).join(",")}"`;
  for (let r = 2; r <= 1001; r++) {
    if (categories.length > 0) {
      ws.getCell(r, catCol).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [catList],
        showErrorMessage: true,
        errorTitle: "类别",
        error: "请选择本部门报送的类别",
      };
    }
    ws.getCell(r, changeCol).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [changeList],
      showErrorMessage: true,
      errorTitle: "变动类型",
      error: "请选择“新增”“减少”或“在册”",
    };
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
