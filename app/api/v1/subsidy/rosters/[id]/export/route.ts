import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { exportRoster } from "@/lib/enrolment";
import { withUser } from "@/lib/route";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

/** The year's subsidy roster as XLSX: totals by category and tier, and the lines (ID numbers masked). */
export const GET = withUser<{ params: Promise<{ id: string }> }>({ permission: "subsidy.manage" }, async (user, _request, context) => {
  const { id } = await context.params;
  if (!z.string().uuid().safeParse(id).success) return NextResponse.json({ error: { code: "NOT_FOUND", message: "未找到该记录" } }, { status: 404 });
  return xlsxResponse(await exportRoster(await getDb(), user, id));
});
