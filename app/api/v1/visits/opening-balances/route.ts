import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { UserFacingError } from "@/lib/errors";
import { readCappedBody } from "@/lib/http/read-capped-body";
import { withUser } from "@/lib/route";
import { importOpeningBalances, MAX_OPENING_BALANCE_BYTES } from "@/lib/visits/import-opening-balances";

export const dynamic = "force-dynamic";

const querySchema = z.object({ encoding: z.enum(["auto", "utf-8", "gbk"]).default("auto") });
const sourceSchema = z.string().trim().min(2, "请填写期初数据的来源").max(100, "来源不超过 100 字");

/** W5 opening balances: the file as the raw body; its name and stated source in headers. */
export const POST = withUser({ permission: "visit.settle" }, async (user, request) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const source = sourceSchema.safeParse(decodeURIComponent(request.headers.get("x-source") ?? ""));
  if (!query.success || !source.success) {
    return NextResponse.json({ kind: "refused", code: "INVALID_INPUT", message: source.success ? "文件编码参数有误" : source.error.issues[0]!.message }, { status: 400 });
  }
  const bytes = await readCappedBody(request, MAX_OPENING_BALANCE_BYTES);
  if (!bytes) return NextResponse.json({ kind: "refused", code: "FILE_TOO_LARGE", message: "文件超过 10MB 上限，请拆分后分批导入" }, { status: 413 });
  const fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "opening.csv");
  try {
    const outcome = await importOpeningBalances(await getDb(), user, { bytes, fileName, declaredEncoding: query.data.encoding, source: source.data });
    return NextResponse.json(outcome, { status: outcome.kind === "invalid" ? 422 : 200 });
  } catch (error) {
    if (error instanceof UserFacingError) return NextResponse.json({ kind: "refused", code: error.code, message: error.message }, { status: 400 });
    throw error;
  }
});
