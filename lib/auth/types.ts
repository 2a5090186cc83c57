import type { DepartmentCode, Role } from "@/db/schema/enums";

/** The signed-in staff member, as every guard returns it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** GB/T 2260 prefix: "500243" (a county) or "50" (all of 重庆市). */
  regionScope: string;
  departmentCode: DepartmentCode | null;
}
