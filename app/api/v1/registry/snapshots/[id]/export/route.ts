import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { withUser } from "@/lib/route";
import { exportSnapshot } from "@/lib/registry/export-snapshot";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

export const GET = withUser<{ params: Promise<{ id: string }> }>({ permission: "registry.reconcile" }, async (user, _request, context) => {
  const { id } = await context.params;
  if (!z.string().uuid().safeParse(id).success) return NextResponse.json({ error: { code: "NOT_FOUND", message: "未找到该记录" } }, { status: 404 });
  return xlsxResponse(await exportSnapshot(await getDb(), user, id));
});
