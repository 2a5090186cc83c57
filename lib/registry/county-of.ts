import { AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";

/** The county whose registry a county or department user works on (their scope is one county). */
export function countyOf(user: SessionUser): string {
  if (!/^\d{6}$/.test(user.regionScope)) throw new AuthError(403, "FORBIDDEN", "登记工作须使用区县范围的账号");
  return user.regionScope;
}
