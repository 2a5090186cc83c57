import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AuthError } from "@/lib/auth/guard";
import { withUser } from "@/lib/route";
import { getUser } from "@/lib/users/get-user";
import { userIdSchema } from "@/lib/users/schemas";

export const dynamic = "force-dynamic";

/** One user of the admin's county, as JSON; any other id answers 404 alike. */
export const GET = withUser<{ params: Promise<{ id: string }> }>({ permission: "users.manage" }, async (admin, _request, context) => {
  const { id } = await context.params;
  if (!userIdSchema.safeParse(id).success) {
    throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  }
  const user = await getUser(await getDb(), admin, id);
  return NextResponse.json({ user });
});
