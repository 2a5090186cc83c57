import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { alerts, applicationEvents, auditLog, listSubmissions, persons, reconciliationConflicts, reconciliationRuns, settlements, users } from "@/db/schema";
import { enrolments } from "@/db/schema";
import { buildRoster, enrolmentFor } from "@/lib/enrolment";
import { settleVisit } from "@/lib/visits/settle-visit";
import { visitInputSchema } from "@/lib/visits/schemas";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { enrolled } from "../support/enrolment";
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
  roster: string;
  alert: string;
  alertForCase: string;
  enrolment: string;
  /** W6 cases, one per action below, each in the state its action starts from */
  cases: Record<string, string>;
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
  ["/county/persons/[彭水人员]/ledger", () => import("@/app/county/persons/[id]/ledger/page"), (f) => ({ id: f.person }), [L, F, A, A, F, F, N]],
  ["/supervisor/persons/[彭水人员]/ledger", () => import("@/app/supervisor/persons/[id]/ledger/page"), (f) => ({ id: f.person }), [L, F, F, F, A, A, F]],
  ["/county/cases", () => import("@/app/county/cases/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/cases/new", () => import("@/app/county/cases/new/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/cases/[彭水案件]", () => import("@/app/county/cases/[id]/page"), (f) => ({ id: f.cases.accept! }), [L, F, A, A, F, F, N]],
  ["/apply (public)", () => import("@/app/(public)/apply/page"), () => ({}), [A, A, A, A, A, A, A]],
  ["/apply/status (public)", () => import("@/app/(public)/apply/status/page"), () => ({}), [A, A, A, A, A, A, A]],
  ["/county/users", () => import("@/app/county/users/page"), () => ({}), [L, F, F, A, F, F, A]],
  ["/county/users/[彭水用户]", () => import("@/app/county/users/[id]/page"), (f) => ({ id: f.pengshuiUser }), [L, F, F, A, F, F, N]],
  ["/county/users/[酉阳用户]", () => import("@/app/county/users/[id]/page"), (f) => ({ id: f.youyangUser }), [L, F, F, N, F, F, A]],
  ["/county/audit", () => import("@/app/county/audit/page"), () => ({}), [L, F, F, A, F, F, A]],
  ["/county/subsidy", () => import("@/app/county/subsidy/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/alerts", () => import("@/app/county/alerts/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/alerts/[彭水预警]/case", () => import("@/app/county/alerts/[id]/case/page"), (f) => ({ id: f.alertForCase }), [L, F, A, A, F, F, N]],
  ["/county/visits/import", () => import("@/app/county/visits/import/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/county/visits/opening-balances", () => import("@/app/county/visits/opening-balances/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/supervisor", () => import("@/app/supervisor/page"), () => ({}), [L, F, F, F, A, A, F]],
  ["/county/reports", () => import("@/app/county/reports/page"), () => ({}), [L, F, A, A, F, F, A]],
  ["/supervisor/reports/[彭水]", () => import("@/app/supervisor/reports/[regionCode]/page"), () => ({ regionCode: "500243" }), [L, F, F, F, A, A, F]],
  ["/supervisor/reports/[酉阳]", () => import("@/app/supervisor/reports/[regionCode]/page"), () => ({ regionCode: "500242" }), [L, F, F, F, A, N, F]],
  ["layout /department", () => import("@/app/department/layout"), () => ({}), [L, A, F, F, F, F, F]],
  ["layout /county", () => import("@/app/county/layout"), () => ({}), [L, F, A, A, F, F, A]],
  ["layout /supervisor", () => import("@/app/supervisor/layout"), () => ({}), [L, F, F, F, A, A, F]],
];

type ActionCode = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "NO_SUBMISSIONS" | "NO_CANDIDATES";
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
const subsidyActions = () => import("@/app/county/subsidy/actions");
let enrolYear = 2018; // each call enrols another year, so every allowed call writes
const caseActions = () => import("@/app/county/cases/actions");
const applyActions = () => import("@/app/(public)/apply/actions");
const caseForm = (idNumber: string) => ({
  applicantName: "冉光明", idNumber, phone: "13800000000", householdSize: "3", householdAnnualIncome: "12000.00", incomeStatement: "务农", reason: "住院负担重",
  "bills.0.hospitalName": "彭水县人民医院", "bills.0.visitDate": "2024-03-15", "bills.0.totalCost": "5000.00", "bills.0.insurancePaid": "3000.00", "bills.0.selfPay": "1500.00",
});
const caseAction = (name: string, fields: Record<string, string> = {}) => (f: Fixtures) => ({ applicationId: f.cases[name]!, ...fields });
const visitForm = (f: Fixtures) => ({ personId: f.person, visitDate: "2024-03-15", kind: "inpatient", hospitalLevel: "2", location: "county", referral: "not_required", totalCost: "1000.00" });

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
  ["dismissAlert 彭水", async () => (await import("@/app/county/alerts/actions")).dismissAlertAction, (f) => ({ alertId: f.alert, reason: "已获商业保险赔付" }), [U, X, ok, ok, X, X, NF]],
  ["openCaseFromAlert 彭水", async () => (await import("@/app/county/alerts/actions")).openCaseFromAlertAction, (f) => ({ alertId: f.alertForCase, phone: "13900000001", householdSize: "3", householdAnnualIncome: "15000.00", incomeStatement: "务农", reason: "预警后核实" }), [U, X, ok, ok, X, X, NF]],
  ["revealIdNumber 彭水人员", async () => (await personActions()).revealIdNumberAction, (f) => ({ personId: f.person }), [U, X, ok, ok, X, X, NF]],
  ["buildRoster 2026", async () => (await subsidyActions()).buildRosterAction, () => ({ year: "2026", subsidyDate: "2025-12-31" }), [U, X, ok, ok, X, X, "NO_CANDIDATES"]],
  ["setEnrolmentTier 彭水", async () => (await subsidyActions()).setEnrolmentTierAction, (f) => ({ enrolmentId: f.enrolment, insuranceTier: "2" }), [U, X, ok, ok, X, X, NF]],
  ["recordRosterPayment 彭水", async () => (await subsidyActions()).recordRosterPaymentAction, (f) => ({ rosterId: f.roster, paymentReference: "AUTHZ-001" }), [U, X, ok, ok, X, X, NF]],
  ["enrolPerson 彭水人员", async () => (await subsidyActions()).enrolPersonAction, (f) => ((y) => ({ personId: f.person, year: String(y), insuranceTier: "1", paidOn: `${y}-07-01` }))(++enrolYear), [U, X, ok, ok, X, X, NF]],
  ["createWindowApplication", async () => (await caseActions()).createWindowApplicationAction, () => caseForm(pengshuiId("1960-05-01", 11)), [U, X, ok, ok, X, X, ok]],
  ["searchCases", async () => (await caseActions()).searchCasesAction, () => ({ q: "冉" }), [U, X, ok, ok, X, X, ok]],
  ["acceptCase 彭水", async () => (await caseActions()).acceptCaseAction, caseAction("accept"), [U, X, ok, ok, X, X, NF]],
  ["refuseCase 彭水", async () => (await caseActions()).refuseCaseAction, caseAction("refuse", { reason: "不属于救助范围" }), [U, X, ok, ok, X, X, NF]],
  ["startReview 彭水", async () => (await caseActions()).startReviewAction, caseAction("startReview"), [U, X, ok, ok, X, X, NF]],
  ["returnCase 彭水", async () => (await caseActions()).returnCaseAction, caseAction("return", { missingDocuments: "户口簿" }), [U, X, ok, ok, X, X, NF]],
  ["resumeCase 彭水", async () => (await caseActions()).resumeCaseAction, caseAction("resume"), [U, X, ok, ok, X, X, NF]],
  ["proposeCase 彭水", async () => (await caseActions()).proposeCaseAction, caseAction("propose", { amount: "100.00", reason: "测试调整" }), [U, X, ok, ok, X, X, NF]],
  ["approveCase 彭水 (clerk's proposal)", async () => (await caseActions()).approveCaseAction, caseAction("approve"), [U, X, X, ok, X, X, NF]],
  ["rejectCase 彭水 (clerk's proposal)", async () => (await caseActions()).rejectCaseAction, caseAction("reject", { reason: "票据不符" }), [U, X, X, ok, X, X, NF]],
  ["payCase 彭水", async () => (await caseActions()).payCaseAction, caseAction("pay", { paymentReference: "ZF-1" }), [U, X, ok, ok, X, X, NF]],
  ["revealApplicant 彭水", async () => (await caseActions()).revealApplicantAction, caseAction("accept"), [U, X, ok, ok, X, X, NF]],
  ["applicationStatus (public, wrong number)", async () => (await applyActions()).applicationStatusAction, () => ({ number: "YS2024ZZZZZZZZ", last4: "0000" }), [NF, NF, NF, NF, NF, NF, NF]],
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
  ["POST /api/v1/visits/imports (header only)", async () => (await import("@/app/api/v1/visits/imports/route")).POST(new Request("http://x/api/v1/visits/imports", { method: "POST", body: csv, headers: { "x-file-name": "bad.csv" } }), undefined), [401, 403, 400, 400, 403, 403, 400]],
  ["GET /api/v1/visits/imports/template", async () => (await import("@/app/api/v1/visits/imports/template/route")).GET(new Request("http://x/"), undefined), [401, 403, 200, 200, 403, 403, 200]],
  ["POST /api/v1/visits/opening-balances (no source)", async () => (await import("@/app/api/v1/visits/opening-balances/route")).POST(new Request("http://x/api/v1/visits/opening-balances", { method: "POST", body: csv }), undefined), [401, 403, 400, 400, 403, 403, 400]],
  ["GET /api/v1/ledgers/[彭水人员]", async (f) => (await import("@/app/api/v1/ledgers/[personId]/route")).GET(new Request("http://x/?year=2024"), { params: Promise.resolve({ personId: f.person }) }), [401, 403, 200, 200, 200, 200, 404]],
  ["GET /api/v1/reports/dispatch [彭水]", async () => (await import("@/app/api/v1/reports/dispatch/route")).GET(new Request("http://x/?region=500243&month=2024-03"), undefined), [401, 403, 200, 200, 200, 200, 404]],
  ["GET /api/v1/reports/dispatch [酉阳]", async () => (await import("@/app/api/v1/reports/dispatch/route")).GET(new Request("http://x/?region=500242&month=2024-03"), undefined), [401, 403, 404, 404, 200, 404, 200]],
  ["GET /api/v1/reports/dashboard", async () => (await import("@/app/api/v1/reports/dashboard/route")).GET(new Request("http://x/?month=2024-03"), undefined), [401, 403, 200, 200, 200, 200, 200]],
  ["GET /api/v1/reports/dashboard [酉阳]", async () => (await import("@/app/api/v1/reports/dashboard/route")).GET(new Request("http://x/?month=2024-03&county=500242"), undefined), [401, 403, 404, 404, 200, 404, 200]],
  ["GET subsidy roster export [彭水]", async (f) => (await import("@/app/api/v1/subsidy/rosters/[id]/export/route")).GET(new Request("http://x/"), { params: Promise.resolve({ id: f.roster }) }), [401, 403, 200, 200, 403, 403, 404]],
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
    await enrolled(db, clerk, person!.id, 2024);
    const x = await confirmedSubmission(db, xiangcun, "XIANGCUN", "2024-02", [{ idNumber: id, name: "冉光民", category: "FANPIN", changeType: "ADD", certifiedOn: "2024-02-01" }]);
    f.xiangcunSubmission = x.id;
    const february = await reconcileMonth(db, clerk, { month: "2024-02" });
    f.run = february.run.id;
    const [conflict] = await db.select().from(reconciliationConflicts).where(eq(reconciliationConflicts.runId, february.run.id));
    f.conflict = conflict!.id;
    f.settlement = (await settleVisit(db, clerk, visitInputSchema.parse({ ...visitForm(f), totalCost: "5000.00" }))).settlementId;
    const [alert] = await db.insert(alerts).values({ personId: f.person, regionCode: "500243", year: 2024, level: 1, burden: "12000.00", threshold: "10410.00", settlementId: f.settlement }).returning();
    f.alert = alert!.id;
    const [forCase] = await db.insert(alerts).values({ personId: f.person, regionCode: "500243", year: 2024, level: 2, burden: "25000.00", threshold: "20820.00", settlementId: f.settlement }).returning();
    f.alertForCase = forCase!.id;
    f.roster = (await buildRoster(db, clerk, { year: 2025, subsidyDate: "2024-12-31" })).rosterId; // W4
    f.enrolment = (await enrolmentFor(db, f.person, 2025))!.id;
    enrolYear = 2018;
    // W6 cases: the clerk takes each to the state its action starts from.
    const cases = await import("@/lib/cases");
    const admin = await sessionUser(db, "admin");
    f.cases = {};
    const steps: Record<string, Array<(applicationId: string) => Promise<unknown>>> = {
      accept: [], refuse: [], startReview: [(a) => cases.acceptApplication(db, clerk, { applicationId: a })],
      return: [(a) => cases.acceptApplication(db, clerk, { applicationId: a }), (a) => cases.startReview(db, clerk, { applicationId: a })],
    };
    steps.propose = steps.return!;
    steps.resume = [...steps.return!, (a) => cases.returnForDocuments(db, clerk, { applicationId: a, missingDocuments: ["户口簿"] })];
    steps.approve = [...steps.return!, (a) => cases.proposeAssistance(db, clerk, { applicationId: a, amount: "1200.00" })];
    steps.reject = steps.approve;
    steps.pay = [...steps.approve, (a) => cases.approveAssistance(db, admin, { applicationId: a })];
    for (const [name, list] of Object.entries(steps)) {
      const { id: applicationId } = await cases.submitApplication(db, caseForm(id), { source: "window", actor: clerk });
      for (const step of list) await step(applicationId);
      f.cases[name] = applicationId;
    }
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
    const [w4] = await db.select({ n: sql<number>`count(*)::int`, tiers: sql<string>`string_agg(insurance_tier::text, ',' order by id)`, paid: sql<string>`(select string_agg(coalesce(payment_reference, '-'), ',' order by id) from subsidy_rosters)` }).from(enrolments);
    const [e] = await db.select({ n: sql<number>`count(*)::int`, states: sql<string>`(select string_agg(state::text, ',' order by id) from applications)` }).from(applicationEvents);
    const [al] = await db.select({ states: sql<string>`string_agg(state::text, ',' order by id)` }).from(alerts);
    return { alerts: al, users: u, audit: a, submissions: s, conflicts: c, runs: r, ledger: l, cases: e, enrolments: w4 };
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
