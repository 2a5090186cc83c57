import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/permissions";

/** After sign-in: each role lands on its own area. */
export default async function StartPage() {
  await connection();
  const user = await getSessionUser();
  redirect(user ? ROLE_HOME[user.role] : "/login");
}
