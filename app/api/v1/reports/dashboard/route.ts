import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { withUser } from "@/lib/route";
import { exportDashboard } from "@/lib/reports/dashboard";
import { monthSchemaPattern } from "@/lib/registry/months";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

const query = z.object({
  month: z.string().regex(monthSchemaPattern, { message: "月份格式应为 YYYY-MM" }),
  county: z.string().regex(/^\d{6}$/, { message: "区县代码应为6位数字" }).optional(),
});

/** W8: every table of the supervisor dashboard as a workbook (?month=2026-11[&county=500243]). */
export const GET = withUser({ permission: "report.read" }, async (user, request) => {
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ month: params.get("month") ?? "", county: params.get("county") || undefined });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return NextResponse.json({ error: { code: "INVALID_REQUEST", message: Object.values(fieldErrors).join("；"), fieldErrors } }, { status: 400 });
  }
  return xlsxResponse(await exportDashboard(await getDb(), user, parsed.data));
});
