import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { readCappedBody } from "@/lib/http/read-capped-body";
import { withUser } from "@/lib/route";
import { stageListUpload } from "@/lib/registry/stage-list-upload";
import { FILE_TOO_LARGE_MESSAGE, MAX_LIST_BYTES } from "@/lib/registry/limits";
import { shanghaiDate } from "@/lib/registry/deadline";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "请选择报送月份"),
  encoding: z.enum(["auto", "utf-8", "gbk"]).default("auto"),
  drop: z.enum(["0", "1"]).default("0"),
});

/**
 * W1: a department clerk uploads the month's list as the raw request body (CSV or
 * XLSX); the file name travels in a header, never in the URL.
 */
export const POST = withUser({ permission: "registry.submit" }, async (user, request) => {
  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    return NextResponse.json({ kind: "refused", code: "INVALID_INPUT", message: query.error.issues[0]?.message ?? "参数有误" }, { status: 400 });
  }
  const bytes = await readCappedBody(request, MAX_LIST_BYTES);
  if (!bytes) {
    return NextResponse.json(
      { kind: "refused", code: "FILE_TOO_LARGE", message: FILE_TOO_LARGE_MESSAGE },
      { status: 413 },
    );
  }
  const fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "upload.csv");
  const outcome = await stageListUpload(await getDb(), user, {
    bytes,
    fileName,
    month: query.data.month,
    declaredEncoding: query.data.encoding,
    dropInvalidRows: query.data.drop === "1",
    today: shanghaiDate(new Date()),
  });
  const status = outcome.kind === "refused" ? 400 : outcome.kind === "invalid" ? 422 : 200;
  return NextResponse.json(outcome, { status });
});
