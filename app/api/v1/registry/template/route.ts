import { withUser } from "@/lib/route";
import { listTemplateCsv, listTemplateXlsx } from "@/lib/registry/list-template";

export const dynamic = "force-dynamic";

/** The department list template (W1.1), as CSV (UTF-8 with BOM) or XLSX. */
export const GET = withUser({ permission: "registry.submit" }, async (user, request) => {
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const bytes = format === "xlsx" ? await listTemplateXlsx(user.departmentCode!) : listTemplateCsv(user.departmentCode!);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`名单模板.${format}`)}`,
    },
  });
});
