import type { Role } from "@/db/schema/enums";

/**
 * Permissions are data (style.md §2): guards, menus and the authorisation
 * matrix test all read this one table. domain.md "Who uses it".
 */
export const PERMISSIONS = [
  "area.department", // the department area: monthly lists of the department's own categories
  "area.county", // the county office area
  "area.supervisor", // ledgers, reports, dashboards (read only)
  "registry.submit", // upload, confirm and follow the department's own monthly lists (W1)
  "registry.reconcile", // merge the month's lists, settle conflicts, export snapshots (W2)
  "beneficiary.read", // look up people of the county, masked (W3)
  "beneficiary.reveal", // reveal a full ID number, audited (W3)
  "visit.settle", // record and settle visits, import hospital exports and opening balances, reverse, print (W5)
  "subsidy.manage", // enrol people, build the year's subsidy roster, record its payment (W4)
  "case.handle", // take in and review on-application cases, propose amounts, record payment; work alerts (W6, W7)
  "case.decide", // approve or reject a proposed case — never one's own proposal (W6 four eyes)
  "report.read", // monthly dispatch reports and the dashboard of the scope's counties (W8)
  "ledger.read", // a person's yearly ledger (台账); from a report drill-down it is audited (W8)
  "users.manage", // add and disable the county's users
  "audit.read", // read the county's audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  department: ["area.department", "registry.submit"],
  county_clerk: ["area.county", "registry.reconcile", "beneficiary.read", "beneficiary.reveal", "visit.settle", "subsidy.manage", "case.handle", "report.read", "ledger.read"],
  county_admin: [
    "area.county",
    "registry.reconcile",
    "beneficiary.read",
    "beneficiary.reveal",
    "visit.settle",
    "subsidy.manage",
    "case.handle",
    "case.decide",
    "report.read",
    "ledger.read",
    "users.manage",
    "audit.read",
  ],
  supervisor: ["area.supervisor", "report.read", "ledger.read"],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  department: "/department",
  county_clerk: "/county",
  county_admin: "/county",
  supervisor: "/supervisor",
};
