import type { DepartmentCode, Role } from "@/db/schema/enums";

/** Chinese labels for staff-side enums (glossary.md); code keeps the English identifier. */
export const ROLE_LABELS: Record<Role, string> = {
  department: "部门经办员",
  county_clerk: "县医保局经办员",
  county_admin: "县医保局负责人",
  supervisor: "督导（只读）",
};

export const DEPARTMENT_LABELS: Record<DepartmentCode, string> = {
  YIBAO: "县医疗保障局",
  MINZHENG: "县民政局",
  XIANGCUN: "县乡村振兴局",
  TUIYI: "县退役军人事务局",
  CANLIAN: "县残联",
  FUPIN: "县扶贫办",
};

const dateFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** 2024年3月15日 */
export function formatDate(value: Date | string): string {
  return dateFormat.format(typeof value === "string" ? new Date(value) : value);
}

/** 2024年3月15日 14:05 */
export function formatDateTime(value: Date | string): string {
  return dateTimeFormat.format(typeof value === "string" ? new Date(value) : value);
}
