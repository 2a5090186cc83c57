import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { auditLog, listSubmissions, persons, reconciliationConflicts, reconciliationRuns, settlements, users } from "@/db/schema";
import { settleVisit } from "@/lib/visits/settle-visit";
import { visitInputSchema } from "@/lib/visits/schemas";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { confirmedSubmission, pengshuiId, sessionUser } from "../support/registry";
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

const A: Outcome = "allow";
const L: Outcome = "login";
const F: Outcome = "forbidden";
const N: Outcome = "notFound";

/** Records the matrix refers to; created in beforeAll. */
interface Fixtures {
  pengshuiUser: string;
  youyangUser: string;
  minzhengDraft: string;
  minzhengDraft2: string;
  xiangcunSubmission: string;
  run: string;
  conflict: string;
  snapshot: string;
  person: string;
  settlement: string;
}
type Load = () => Promise<unknown>;

//                 anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const PAGES: Array<[string, Load, (f: Fixtures) => Record<string, string>, Outcome[]]> = [
  ["/department", () => import("@/app/department/page"), () => ({}), [L, A, F, F, F, F, F]],
  ["/department/lists", () => import("@/app/department/lists/page"), () => ({}), [L, A, F, F, F, F, F]],
  ["/department/lists/[民政名单]", () => import("@/app/department/lists/[id]/page"), (f) => ({ id: f.minzhengDraft }), [L, A, F, F, F, F, F]],
  ["/department/lists/[乡村振兴名单]", () => import("@/app/department/lists/[id]/page"), (f) => ({ id: f.xiangcunSubmission }), [L, F, F, F, F, F, F]],
  ["/county", () => import("@/app/county/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/registry", () => import("@/app/county/registry/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/registry/runs/[彭水]", () => import("@/app/county/registry/runs/[id]/page"), (f) => ({ id: f.run }), [L, F, A, A, F, F, N]],
  ["/county/persons", () => import("@/app/county/persons/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/persons/[彭水人员]", () => import("@/app/county/persons/[id]/page"), (f) => ({ id: f.person }), [L, F, A, A, F, F, N]],
  ["/county/settlements/[彭水结算]", () => import("@/app/county/settlements/[id]/page"), (f) => ({ id: f.settlement }), [L, F, A, A, F, F, N]],
  ["/county/users", () => import("@/app/county/users/page"), () => ({}), [L, F, F, A, F, F, A]],
  ["/county/users/[彭水用户]", () => import("@/app/county/users/[id]/page"), (f) => ({ id: f.pengshuiUser }), [L, F, F, A, F, F, N]],
  ["/county/users/[酉阳用户]", () => import("@/app/county/users/[id]/page"), (f) => ({ id: f.youyangUser }), [L, F, F, N, F, F, A]],
  ["/county/audit", () => import("@/app/county/audit/page"), () => ({}), [L, F, F, A, F, F, A]],
  ["/supervisor", () => import("@/app/supervisor/page"), () => ({}), [L, F, F, F, A, A, F]],
  ["layout /department", () => import("@/app/department/layout"), () => ({}), [L, A, F, F, F, F, F]],
  ["layout /county", () => import("@/app/county/layout"), () => ({}), [L, F, A, A, F, F, A]],
  ["layout /supervisor", () => import("@/app/supervisor/layout"), () => ({}), [L, F, F, F, A, A, F]],
];

type ActionCode = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "NO_SUBMISSIONS";
const ok: ActionCode = "ok";
const U: ActionCode = "UNAUTHENTICATED";
const X: ActionCode = "FORBIDDEN";
const NF: ActionCode = "NOT_FOUND";

type ActionFn = (previous: unknown, form: FormData) => Promise<{ ok: boolean; code?: string }>;
const usersActions = () => import("@/app/county/users/actions");
const listActions = () => import("@/app/department/lists/actions");
const registryActions = () => import("@/app/county/registry/actions");
const personActions = () => import("@/app/county/persons/actions");
const settlementActions = () => import("@/app/county/settlements/actions");
const visitForm = (f: Fixtures) => ({ personId: f.person, visitDate: "2024-03-15", insuranceTier: "1", kind: "inpatient", hospitalLevel: "2", location: "county", referral: "not_required", totalCost: "1000.00" });

let serial = 0;
//                 anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const ACTIONS: Array<[string, () => Promise<ActionFn>, (f: Fixtures) => Record<string, string>, ActionCode[]]> = [
  ["createUser", async () => (await usersActions()).createUserAction, () => ({ username: `new-user-${++serial}`, displayName: "新用户", role: "department", departmentCode: "CANLIAN", password: "Password2026" }), [U, X, X, ok, X, X, ok]],
  ["disable 彭水用户", async () => (await usersActions()).setUserActiveAction, (f) => ({ userId: f.pengshuiUser, active: "false" }), [U, X, X, ok, X, X, NF]],
  ["disable 酉阳用户", async () => (await usersActions()).setUserActiveAction, (f) => ({ userId: f.youyangUser, active: "false" }), [U, X, X, NF, X, X, ok]],
  ["resetPassword 彭水用户", async () => (await usersActions()).resetPasswordAction, (f) => ({ userId: f.pengshuiUser, password: "NewPassword2026" }), [U, X, X, ok, X, X, NF]],
  ["resetPassword 酉阳用户", async () => (await usersActions()).resetPasswordAction, (f) => ({ userId: f.youyangUser, password: "NewPassword2026" }), [U, X, X, NF, X, X, ok]],
  ["confirmSubmission 民政草稿", async () => (await listActions()).confirmSubmissionAction, (f) => ({ submissionId: f.minzhengDraft }), [U, ok, X, X, X, X, X]],
  ["discardSubmission 民政草稿", async () => (await listActions()).discardSubmissionAction, (f) => ({ submissionId: f.minzhengDraft2 }), [U, ok, X, X, X, X, X]],
  ["reconcileMonth 2024-01", async () => (await registryActions()).reconcileMonthAction, () => ({ month: "2024-01" }), [U, X, ok, ok, X, X, "NO_SUBMISSIONS"]],
  ["resolveConflict 彭水", async () => (await registryActions()).resolveConflictAction, (f) => ({ conflictId: f.conflict, decision: "reject", reason: "核实后不予采用" }), [U, X, ok, ok, X, X, NF]],
  ["searchPersons", async () => (await personActions()).searchPersonsAction, () => ({ name: "冉" }), [U, X, ok, ok, X, X, ok]],
  ["settleVisit 彭水人员", async () => (await settlementActions()).settleVisitAction, visitForm, [U, X, ok, ok, X, X, NF]],
  ["replaySettlement 彭水", async () => (await settlementActions()).replaySettlementAction, (f) => ({ settlementId: f.settlement }), [U, X, ok, ok, X, X, NF]],
  ["reverseSettlement 彭水", async () => (await settlementActions()).reverseSettlementAction, (f) => ({ settlementId: f.settlement, reason: "测试冲销" }), [U, X, ok, ok, X, X, NF]],
  ["revealIdNumber 彭水人员", async () => (await personActions()).revealIdNumberAction, (f) => ({ personId: f.person }), [U, X, ok, ok, X, X, NF]],
];

type RouteCall = (f: Fixtures) => Promise<Response>;
const csv = new TextEncoder().encode("\uFEFF公民身份号码,姓名\n");
//                 anonymous minzheng clerk admin supervisor ps-supervisor youyang-admin
const ROUTES: Array<[string, RouteCall, number[]]> = [
  ["GET /api/v1/users/[彭水用户]", async (f) => (await import("@/app/api/v1/users/[id]/route")).GET(new Request("http://x/"), { params: Promise.resolve({ id: f.pengshuiUser }) }), [401, 403, 403, 200, 403, 403, 404]],
  ["GET /api/v1/users/[酉阳用户]", async (f) => (await import("@/app/api/v1/users/[id]/route")).GET(new Request("http://x/"), { params: Promise.resolve({ id: f.youyangUser }) }), [401, 403, 403, 404, 403, 403, 200]],
  ["GET /api/v1/users/[不存在]", async () => (await import("@/app/api/v1/users/[id]/route")).GET(new Request("http://x/"), { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) }), [401, 403, 403, 404, 403, 403, 404]],
  ["POST /api/v1/registry/lists", async () => (await import("@/app/api/v1/registry/lists/route")).POST(new Request("http://x/api/v1/registry/lists?month=2024-05", { method: "POST", body: csv, headers: { "x-file-name": "bad.csv" } }), undefined), [401, 400, 403, 403, 403, 403, 403]],
  ["GET /api/v1/registry/template", async () => (await import("@/app/api/v1/registry/template/route")).GET(new Request("http://x/?format=csv"), undefined), [401, 200, 403, 403, 403, 403, 403]],
  ["GET /api/v1/registry/differences", async () => (await import("@/app/api/v1/registry/differences/route")).GET(new Request("http://x/?month=2024-01"), undefined), [401, 403, 200, 200, 403, 403, 200]],
  ["GET snapshot export [彭水]", async (f) => (await import("@/app/api/v1/registry/snapshots/[id]/export/route")).GET(new Request("http://x/"), { params: Promise.resolve({ id: f.snapshot }) }), [401, 403, 200, 200, 403, 403, 404]],
];

async function pageOutcome(load: Load, params: Record<string, string>): Promise<Outcome> {
  const mod = (await load()) as { default: (props: unknown) => Promise<unknown> };
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
  const f = {} as Fixtures;

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
      const { passwordHash: _p, active: _a, createdBy: _c, createdAt: _t, updatedAt: _u, ...user } = row;
      if (ACTORS.includes(row.username as Actor)) actors.set(row.username as Actor, user);
    }
    actors.set("anonymous", null);
    f.pengshuiUser = rows.find((r) => r.username === "pengshui-target")!.id;
    f.youyangUser = rows.find((r) => r.username === "youyang-target")!.id;

    // Registry records: a reconciled month with a snapshot, a month with a conflict, drafts.
    const clerk = await sessionUser(db, "clerk");
    const minzheng = await sessionUser(db, "minzheng");
    const xiangcun = await sessionUser(db, "xiangcun");
    const id = pengshuiId("1960-05-01", 11);
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-01", [{ idNumber: id, name: "冉光明", category: "DIBAO", changeType: "ADD", certifiedOn: "2023-06-01" }]);
    const january = await reconcileMonth(db, clerk, { month: "2024-01" });
    f.snapshot = january.snapshot!.id;
    const [person] = await db.select().from(persons).where(eq(persons.idNumber, id));
    f.person = person!.id;
    const x = await confirmedSubmission(db, xiangcun, "XIANGCUN", "2024-02", [{ idNumber: id, name: "冉光民", category: "FANPIN", changeType: "ADD", certifiedOn: "2024-02-01" }]);
    f.xiangcunSubmission = x.id;
    const february = await reconcileMonth(db, clerk, { month: "2024-02" });
    f.run = february.run.id;
    const [conflict] = await db.select().from(reconciliationConflicts).where(eq(reconciliationConflicts.runId, february.run.id));
    f.conflict = conflict!.id;
    f.settlement = (await settleVisit(db, clerk, visitInputSchema.parse({ ...visitForm(f), totalCost: "5000.00" }))).settlementId;
    for (const key of ["minzhengDraft", "minzhengDraft2"] as const) {
      const draft = await confirmedSubmission(db, minzheng, "MINZHENG", "2024-03", [{ idNumber: id, name: "冉光明", category: "DIBAO", changeType: "CURRENT", certifiedOn: "2023-06-01" }]);
      await db.update(listSubmissions).set({ status: "draft", confirmedAt: null, confirmedBy: null }).where(eq(listSubmissions.id, draft.id));
      f[key] = draft.id;
    }
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  test("every role has an entry in the permission table", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  for (const [name, load, params, row] of PAGES) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`page ${name} for %s → %s`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      expect(await pageOutcome(load, params(f))).toBe(expected);
    });
  }

  async function snapshot() {
    const { db } = handle;
    const [u] = await db.select({ n: sql<number>`count(*)::int`, active: sql<number>`count(*) filter (where active)::int`, hashes: sql<string>`string_agg(password_hash, ',' order by id)` }).from(users);
    const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const [s] = await db.select({ status: sql<string>`string_agg(status::text, ',' order by id)` }).from(listSubmissions);
    const [c] = await db.select({ status: sql<string>`string_agg(status::text, ',' order by id)` }).from(reconciliationConflicts);
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(reconciliationRuns);
    const [l] = await db.select({ n: sql<number>`count(*)::int` }).from(settlements);
    return { users: u, audit: a, submissions: s, conflicts: c, runs: r, ledger: l };
  }

  for (const [name, load, input, row] of ACTIONS) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`action ${name} for %s → %s`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      // Re-enable the targets so every allowed call really changes something.
      await handle.db.update(users).set({ active: true }).where(eq(users.role, "county_clerk"));
      const before = await snapshot();
      const form = new FormData();
      for (const [k, v] of Object.entries(input(f))) form.set(k, v);
      const result = await (await load())(null, form);
      expect(result.ok ? "ok" : result.code).toBe(expected);
      if (expected !== "ok") expect(await snapshot()).toEqual(before); // a refusal writes nothing, not even half
    });
  }

  for (const [name, call, row] of ROUTES) {
    test.each(ACTORS.map((actor, i) => [actor, row[i]!] as const))(`route ${name} for %s → %i`, async (actor, expected) => {
      session.user = actors.get(actor) ?? null;
      const response = await call(f);
      expect(response.status).toBe(expected);
      if (expected >= 401 && expected <= 404) {
        const body = await response.json();
        expect(body.error.code).toMatch(/UNAUTHENTICATED|FORBIDDEN|NOT_FOUND/);
      }
    });
  }
});
