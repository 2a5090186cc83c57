import type { DepartmentCode } from "@/db/schema/enums";
import { hasPermission, type Permission } from "./permissions";
import type { SessionUser } from "./types";

export interface Requirement {
  permission: Permission;
  /** The region code of the record being read or written (county or township). */
  region?: string;
  /** The department that owns the record. */
  department?: DepartmentCode;
}

export type Decision =
  | { ok: true; user: SessionUser }
  // 404 for records outside the caller's scope, so an outsider cannot learn they exist (style.md §3).
  | { ok: false; status: 401 | 403 | 404; code: "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND"; message: string };

export function isInScope(user: Pick<SessionUser, "regionScope">, regionCode: string): boolean {
  return regionCode.startsWith(user.regionScope);
}

/** The single authorisation rule: role → permission, then region scope, then department. Pure. */
export function authorize(user: SessionUser | null, requirement: Requirement): Decision {
  if (!user) return { ok: false, status: 401, code: "UNAUTHENTICATED", message: "请先登录" };
  if (!hasPermission(user.role, requirement.permission)) {
    return { ok: false, status: 403, code: "FORBIDDEN", message: "您的账号无权进行此操作" };
  }
  if (requirement.region !== undefined && !isInScope(user, requirement.region)) {
    return { ok: false, status: 404, code: "NOT_FOUND", message: "未找到该记录" };
  }
  // Another department's record in the same county is refused plainly (issue 4: 403),
  // while other counties' records stay invisible (404 above).
  if (
    requirement.department !== undefined &&
    user.role === "department" &&
    user.departmentCode !== requirement.department
  ) {
    return { ok: false, status: 403, code: "FORBIDDEN", message: "这是其他部门报送的名单，您无权查看" };
  }
  return { ok: true, user };
}
