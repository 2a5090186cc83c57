import type { Role } from "@/db/schema/enums";
import { hasPermission, type Permission } from "./permissions";

/**
 * Staff menu entries; each shows only to roles holding its permission (the same table as the
 * guards) and, where given, the permission of the area its page lives in.
 */
const STAFF_NAV: ReadonlyArray<{ href: string; label: string; permission: Permission; area?: Permission }> = [
  { href: "/department", label: "部门工作台", permission: "area.department" },
  { href: "/department/lists", label: "名单报送", permission: "registry.submit" },
  { href: "/county", label: "县医保局工作台", permission: "area.county" },
  { href: "/county/registry", label: "名单汇总比对", permission: "registry.reconcile" },
  { href: "/county/persons", label: "人员查询", permission: "beneficiary.read" },
  { href: "/county/visits/import", label: "医院结算导入", permission: "visit.settle" },
  { href: "/county/subsidy", label: "资助参保", permission: "subsidy.manage" },
  { href: "/county/cases", label: "依申请救助", permission: "case.handle" },
  { href: "/county/alerts", label: "高额费用预警", permission: "case.handle" },
  { href: "/county/reports", label: "调度报表", permission: "report.read", area: "area.county" },
  { href: "/county/users", label: "用户管理", permission: "users.manage" },
  { href: "/county/audit", label: "审计日志", permission: "audit.read" },
  { href: "/supervisor", label: "督导首页", permission: "area.supervisor" },
];

export function staffNavFor(role: Role) {
  return STAFF_NAV.filter((item) => hasPermission(role, item.permission) && (!item.area || hasPermission(role, item.area)));
}
