import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { withUser } from "@/lib/route";
import { exportMonthDifferences } from "@/lib/registry/export-differences";
import { monthSchemaPattern } from "@/lib/registry/months";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

export const GET = withUser({ permission: "registry.reconcile" }, async (user, request) => {
  const month = new URL(request.url).searchParams.get("month") ?? "";
  if (!monthSchemaPattern.test(month)) return NextResponse.json({ error: { code: "INVALID_REQUEST", message: "请选择月份" } }, { status: 400 });
  return xlsxResponse(await exportMonthDifferences(await getDb(), user, month));
});
