import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { UserFacingError } from "@/lib/errors";
import { readCappedBody } from "@/lib/http/read-capped-body";
import { withUser } from "@/lib/route";
import { importHospitalExport, MAX_EXPORT_BYTES } from "@/lib/visits/import-hospital-export";

export const dynamic = "force-dynamic";

const querySchema = z.object({ encoding: z.enum(["auto", "utf-8", "gbk"]).default("auto") });

/**
 * W5 bulk: a clerk posts a hospital's settlement export as the raw body (the file name in
 * a header, never in the URL); the answer lists each row's outcome.
 */
export const POST = withUser({ permission: "visit.settle" }, async (user, request) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return NextResponse.json({ kind: "refused", code: "INVALID_INPUT", message: "文件编码参数有误" }, { status: 400 });
  const bytes = await readCappedBody(request, MAX_EXPORT_BYTES);
  if (!bytes) {
    return NextResponse.json({ kind: "refused", code: "FILE_TOO_LARGE", message: `文件超过 ${MAX_EXPORT_BYTES / 1024 / 1024}MB 上限，请拆分后分批导入` }, { status: 413 });
  }
  const fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "export.csv");
  try {
    const result = await importHospitalExport(await getDb(), user, { bytes, fileName, declaredEncoding: query.data.encoding });
    return NextResponse.json({ kind: "imported", ...result });
  } catch (error) {
    if (error instanceof UserFacingError) return NextResponse.json({ kind: "refused", code: error.code, message: error.message }, { status: 400 });
    throw error;
  }
});
