import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { UserFacingError } from "@/lib/errors";
import { AuthError } from "@/lib/auth/errors";
import { exportPersonLedger } from "@/lib/reports/export-person-ledger";
import { withUser } from "@/lib/route";
import { xlsxResponse } from "@/lib/xlsx-response";

export const dynamic = "force-dynamic";

/** W8 / P-MON-3: a person's yearly ledger as XLSX (`?year=`); ID masked; a supervisor's export is audited. */
export const GET = withUser<{ params: Promise<{ personId: string }> }>({ permission: "ledger.read" }, async (user, request, context) => {
  const { personId } = await context.params;
  const year = new URL(request.url).searchParams.get("year") || undefined;
  try {
    return xlsxResponse(await exportPersonLedger(await getDb(), user, { personId, year }));
  } catch (error) {
    if (error instanceof UserFacingError) {
      // A malformed person id reads as missing (as a guessed one would); a bad year is named.
      if (error.fieldErrors?.personId) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
      return NextResponse.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: 400 });
    }
    throw error;
  }
});
