import { describe, expect, test } from "vitest";
import { authorize, isInScope } from "@/lib/auth/authorize";
import { hasPermission, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/types";

const user = (over: Partial<SessionUser>): SessionUser => ({
  id: "u",
  username: "u",
  displayName: "u",
  role: "county_clerk",
  regionScope: "500243",
  departmentCode: null,
  ...over,
});

describe("authorize", () => {
  test.each([
    ["no session", null, { permission: "area.county" }, { ok: false, status: 401, code: "UNAUTHENTICATED" }],
    ["clerk in own county", user({}), { permission: "area.county", region: "500243101" }, { ok: true }],
    ["clerk, another county", user({}), { permission: "area.county", region: "500242" }, { ok: false, status: 404, code: "NOT_FOUND" }],
    ["clerk without users.manage", user({}), { permission: "users.manage" }, { ok: false, status: 403, code: "FORBIDDEN" }],
    ["department, own department", user({ role: "department", departmentCode: "MINZHENG" }), { permission: "area.department", department: "MINZHENG" }, { ok: true }],
    ["department, other department", user({ role: "department", departmentCode: "MINZHENG" }), { permission: "area.department", department: "CANLIAN" }, { ok: false, status: 403, code: "FORBIDDEN" }],
    ["department calling a county action", user({ role: "department", departmentCode: "MINZHENG" }), { permission: "area.county" }, { ok: false, status: 403 }],
    ["city supervisor, a county of the city", user({ role: "supervisor", regionScope: "50" }), { permission: "area.supervisor", region: "500243" }, { ok: true }],
    ["city supervisor, 温州", user({ role: "supervisor", regionScope: "50" }), { permission: "area.supervisor", region: "330300" }, { ok: false, status: 404 }],
    ["supervisor has no writes", user({ role: "supervisor", regionScope: "50" }), { permission: "users.manage" }, { ok: false, status: 403 }],
  ] as const)("%s", (_label, who, requirement, expected) => {
    expect(authorize(who, requirement)).toMatchObject(expected);
  });

  test("scope is a prefix of the region code", () => {
    expect(isInScope({ regionScope: "50" }, "500243001")).toBe(true);
    expect(isInScope({ regionScope: "500243" }, "500242001")).toBe(false);
  });

  test("supervisors only read; only county admins manage users", () => {
    expect(ROLE_PERMISSIONS.supervisor).toEqual(["area.supervisor", "report.read", "ledger.read"]); // nothing that writes
    expect(hasPermission("county_admin", "users.manage")).toBe(true);
    expect(hasPermission("county_clerk", "users.manage")).toBe(false);
  });
});
