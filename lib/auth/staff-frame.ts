import "server-only";
import { getDb } from "@/db";
import { getScopeName } from "@/lib/regions/get-region";
import { ROLE_LABELS, DEPARTMENT_LABELS } from "@/lib/labels";
import { requirePageUser } from "./guard";
import { staffNavFor } from "./navigation";
import type { Permission } from "./permissions";

/** What a staff layout needs: the guarded user, their scope's name and their menu. */
export async function staffFrame(permission: Permission) {
  const user = await requirePageUser({ permission });
  const scopeName = await getScopeName(await getDb(), user.regionScope);
  const roleLabel = user.departmentCode ? `${DEPARTMENT_LABELS[user.departmentCode]}` : ROLE_LABELS[user.role];
  return {
    user,
    shell: { displayName: user.displayName, roleLabel, scopeName },
    nav: staffNavFor(user.role),
  };
}
