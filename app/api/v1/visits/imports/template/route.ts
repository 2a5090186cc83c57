import { withUser } from "@/lib/route";
import { HOSPITAL_EXPORT_COLUMNS } from "@/lib/visits/hospital-export";

export const dynamic = "force-dynamic";

/** The hospital export layout as a CSV (UTF-8 with BOM, so Excel shows the Chinese headers). */
export const GET = withUser({ permission: "visit.settle" }, async () => {
  const csv = `\ufeff${HOSPITAL_EXPORT_COLUMNS.map((c) => c.header).join(",")}\r\n`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="hospital-export-template.csv"; filename*=UTF-8''${encodeURIComponent("医院结算导入模板.csv")}`,
    },
  });
});
