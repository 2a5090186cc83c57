import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getDatabase, executeRows } from "@/db";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and its migrations are applied. */
export async function GET() {
  try {
    const { db, kind } = await getDatabase();
    await executeRows(db, sql`select 1 from users limit 1`);
    return NextResponse.json({ status: "ok", database: kind });
  } catch {
    return NextResponse.json({ status: "unavailable" }, { status: 503 });
  }
}
