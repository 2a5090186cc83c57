import ExcelJS from "exceljs";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { withUser } from "@/lib/route";
import { DIFFERENCE_LABELS, listMonthDifferences } from "@/lib/registry/month-differences";
import { monthSchemaPattern } from "@/lib/registry/months";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS } from "@/lib/labels";

export const dynamic = "force-dynamic";

/** The month's per-department differences as a workbook (ID numbers masked). */
export const GET = withUser({ permission: "registry.reconcile" }, async (user, request) => {
  const month = new URL(request.url).searchParams.get("month") ?? "";
  if (!monthSchemaPattern.test(month)) return NextResponse.json({ error: { code: "INVALID_REQUEST", message: "请选择月份" } }, { status: 400 });
  const differences = await listMonthDifferences(await getDb(), user, month);
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
  return new Response(new Uint8Array(await workbook.xlsx.writeBuffer()), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`部门名单变化-${month}.xlsx`)}`,
      "cache-control": "no-store",
    },
  });
});
