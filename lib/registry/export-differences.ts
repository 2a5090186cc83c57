import "server-only";
import ExcelJS from "exceljs";
import type { DbOrTx } from "@/db/client";
import type { SessionUser } from "@/lib/auth/types";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS } from "@/lib/labels";
import { DIFFERENCE_LABELS, listMonthDifferences } from "./month-differences";

/** The month's per-department differences as a workbook (ID numbers masked, so no audit entry). */
export async function exportMonthDifferences(db: DbOrTx, actor: SessionUser, month: string) {
  const differences = await listMonthDifferences(db, actor, month);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${month} 变化`);
  sheet.columns = [
    { header: "部门", key: "department", width: 18 },
    { header: "变化", key: "kind", width: 10 },
    { header: "姓名", key: "name", width: 12 },
    { header: "公民身份号码", key: "id", width: 22 },
    { header: "原类别", key: "from", width: 20 },
    { header: "现类别", key: "to", width: 20 },
  ];
  for (const d of differences) {
    sheet.addRow({
      department: DEPARTMENT_LABELS[d.department],
      kind: DIFFERENCE_LABELS[d.kind],
      name: d.name,
      id: d.maskedIdNumber,
      from: d.from ? CATEGORY_LABELS[d.from] : "",
      to: d.to ? CATEGORY_LABELS[d.to] : "",
    });
  }
  sheet.getRow(1).font = { bold: true };
  return { fileName: `部门名单变化-${month}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
