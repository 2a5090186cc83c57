import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { auditLog, users } from "@/db/schema";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ROLES } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import { BACKENDS, createTestDatabase } from "../support/db";
import { NavigationInterrupt, session } from "../support/next-mocks";

/**
 * The authorisation matrix (issue 2): every role × every protected page, layout,
 * server action and route handler, with the expected allow/deny — including a
 * 彭水 clerk asking for another county's user by id, and a department user calling
 * a county action. Refused calls must leave the database unchanged.
 */

type Actor = "anonymous" | "minzheng" | "clerk" | "admin" | "supervisor" | "pengshui-supervisor" | "youyang-admin";
const ACTORS: Actor[] = ["anonymous", "minzheng", "clerk", "admin", "supervisor", "pengshui-supervisor", "youyang-admin"];
type Outcome = "allow" | "login" | "forbidden" | "notFound";

const pages = {
  "/department": () => import("@/app/department/page"),
  "/county": () => import("@/app/county/page"),
  "/county/users": () => import("@/app/county/users/page"),
  "/county/users/[彭水用户]": () => import("@/app/county/users/[id]/page"),
  "/county/users/[酉阳用户]": () => import("@/app/county/users/[id]/page"),
  "/county/audit": () => import("@/app/county/audit/page"),
  "/supervisor": () => import("@/app/supervisor/page"),
  "layout /department": () => import("@/app/department/layout"),
  "layout /county": () => import("@/app/county/layout"),
  "layout /supervisor": () => import("@/app/supervisor/layout"),
} as const;
type PageName = keyof typeof pages;

const A: Outcome = "allow";
const L: Outcome = "login";
const F: Outcome = "forbidden";
const N: Outcome = "notFound";

//                                  anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const PAGE_MATRIX: Record<PageName, Outcome[]> = {
  "/department":                   [L, A, F, F, F, F, F],
  "/county":                       [L, F, A, A, F, F, A],
  "/county/users":                 [L, F, F, A, F, F, A],
  "/county/users/[彭水用户]":        [L, F, F, A, F, F, N],
  "/county/users/[酉阳用户]":        [L, F, F, N, F, F, A],
  "/county/audit":                 [L, F, F, A, F, F, A],
  "/supervisor":                   [L, F, F, F, A, A, F],
  "layout /department":            [L, A, F, F, F, F, F],
  "layout /county":                [L, F, A, A, F, F, A],
  "layout /supervisor":            [L, F, F, F, A, A, F],
};

type ActionCode = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND";
const ok: ActionCode = "ok";
const U: ActionCode = "UNAUTHENTICATED";
const X: ActionCode = "FORBIDDEN";
const NF: ActionCode = "NOT_FOUND";

const ACTION_NAMES = ["createUser", "disable 彭水用户", "disable 酉阳用户", "resetPassword 彭水用户", "resetPassword 酉阳用户"] as const;
type ActionName = (typeof ACTION_NAMES)[number];
//                                      anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const ACTION_MATRIX: Record<ActionName, ActionCode[]> = {
  createUser:                [U, X, X, ok, X, X, ok],
  "disable 彭水用户":          [U, X, X, ok, X, X, NF],
  "disable 酉阳用户":          [U, X, X, NF, X, X, ok],
  "resetPassword 彭水用户":    [U, X, X, ok, X, X, NF],
  "resetPassword 酉阳用户":    [U, X, X, NF, X, X, ok],
};

//                                      anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const ROUTE_MATRIX: Record<string, number[]> = {
  "GET /api/v1/users/[彭水用户]": [401, 403, 403, 200, 403, 403, 404],
  "GET /api/v1/users/[酉阳用户]": [401, 403, 403, 404, 403, 403, 200],
  "GET /api/v1/users/[不存在]":   [401, 403, 403, 404, 403, 403, 404],
};

async function pageOutcome(name: PageName, params: Record<string, string>): Promise<Outcome> {
  const mod = (await pages[name]()) as { default: (props: unknown) => Promise<unknown> };
  try {
    await mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}), children: null });
    return "allow";
  } catch (error) {
    if (!(error instanceof NavigationInterrupt)) throw error;
    return error.kind === "redirect" ? (error.location?.startsWith("/login") ? "login" : ("allow" as Outcome)) : error.kind;
  }
}

describe.each(BACKENDS)("authorisation matrix on %s", (kind) => {
  let handle: DatabaseHandle;
  const actors = new Map<Actor, SessionUser | null>();
  const ids = { pengshui: "", youyang: "" };
  let serial = 0;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    useDatabaseForTests(handle);
    const { db } = handle;
    // A second county, to prove a county sees nothing of another.
    await db.insert(users).values([
      { username: "youyang-admin", displayName: "酉阳县医保局负责人", passwordHash: "x", role: "county_admin", regionScope: "500242" },
      { username: "youyang-target", displayName: "酉阳县经办员", passwordHash: "x", role: "county_clerk", regionScope: "500242" },
      { username: "pengshui-target", displayName: "彭水县经办员乙", passwordHash: "x", role: "county_clerk", regionScope: "500243" },
    ]);
    const rows = await db.select().from(users);
    for (const row of rows) {
      const user: SessionUser = {
        id: row.id,
        username: row.username,
        displayName: row.displayName,
        role: row.role,
        regionScope: row.regionScope,
        departmentCode: row.departmentCode,
      };
      if (ACTORS.includes(row.username as Actor)) actors.set(row.username as Actor, user);
    }
    actors.set("anonymous", null);
    ids.pengshui = rows.find((r) => r.username === "pengshui-target")!.id;
    ids.youyang = rows.find((r) => r.username === "youyang-target")!.id;
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  test("every role has an entry in the permission table", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  for (const [name, row] of Object.entries(PAGE_MATRIX) as [PageName, Outcome[]][]) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`page ${name} for %s → %s`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      const id = name.includes("酉阳") ? ids.youyang : ids.pengshui;
      expect(await pageOutcome(name, { id })).toBe(expected);
    });
  }

  async function callAction(name: ActionName): Promise<ActionCode> {
    const actions = await import("@/app/county/users/actions");
    const target = name.includes("酉阳") ? ids.youyang : ids.pengshui;
    const form = new FormData();
    let result;
    if (name === "createUser") {
      serial += 1;
      form.set("username", `new-user-${serial}`);
      form.set("displayName", "新用户");
      form.set("role", "department");
      form.set("departmentCode", "CANLIAN");
      form.set("password", "Password2026");
      result = await actions.createUserAction(null, form);
    } else if (name.startsWith("disable")) {
      form.set("userId", target);
      form.set("active", "false");
      result = await actions.setUserActiveAction(null, form);
    } else {
      form.set("userId", target);
      form.set("password", "NewPassword2026");
      result = await actions.resetPasswordAction(null, form);
    }
    return result.ok ? "ok" : (result.code as ActionCode);
  }

  async function snapshot() {
    const { db } = handle;
    const [u] = await db.select({ n: sql<number>`count(*)::int`, active: sql<number>`count(*) filter (where active)::int`, hashes: sql<string>`string_agg(password_hash, ',' order by id)` }).from(users);
    const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    return { users: u, audit: a };
  }

  for (const [name, row] of Object.entries(ACTION_MATRIX) as [ActionName, ActionCode[]][]) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`action ${name} for %s → %s`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      // Re-enable the targets so every allowed call really changes something.
      await handle.db.update(users).set({ active: true }).where(eq(users.role, "county_clerk"));
      const before = await snapshot();
      expect(await callAction(name)).toBe(expected);
      const after = await snapshot();
      if (expected === "ok") expect(after.audit!.n).toBe(before.audit!.n + 1);
      else expect(after).toEqual(before); // a refusal writes nothing, not even half
    });
  }

  for (const [name, row] of Object.entries(ROUTE_MATRIX)) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`route ${name} for %s → %i`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      const { GET } = await import("@/app/api/v1/users/[id]/route");
      const id = name.includes("酉阳") ? ids.youyang : name.includes("不存在") ? "00000000-0000-4000-8000-000000000000" : ids.pengshui;
      const response = await GET(new Request("http://localhost/api/v1/users/x"), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(expected);
      const body = await response.json();
      if (expected === 200) {
        expect(body.user.id).toBe(id);
        expect(body.user).not.toHaveProperty("passwordHash");
      } else expect(body.error.code).toMatch(/UNAUTHENTICATED|FORBIDDEN|NOT_FOUND/);
    });
  }
});
