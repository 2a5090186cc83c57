import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { withUser } from "@/lib/route";
import { exportDispatchReport } from "@/lib/reports/export-dispatch-report";
import { monthSchemaPattern } from "@/lib/registry/months";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

const query = z.object({
  region: z.string().regex(/^\d{6}$/, { message: "区县代码应为6位数字" }),
  month: z.string().regex(monthSchemaPattern, { message: "月份格式应为 YYYY-MM" }),
});

/** W8: the monthly dispatch report of one county as the workbook sent upward (?region=500243&month=2026-11). */
export const GET = withUser({ permission: "report.read" }, async (user, request) => {
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ region: params.get("region") ?? "", month: params.get("month") ?? "" });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return NextResponse.json({ error: { code: "INVALID_REQUEST", message: Object.values(fieldErrors).join("；"), fieldErrors } }, { status: 400 });
  }
  return xlsxResponse(await exportDispatchReport(await getDb(), user, { regionCode: parsed.data.region, month: parsed.data.month }));
});
