import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { applicationEvents, applications, auditLog, persons, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { idCheckDigit } from "@/lib/registry/id-number";
import {
  acceptApplication,
  answerReturnedApplication,
  approveAssistance,
  getApplication,
  getApplicationStatus,
  listApplications,
  listPersonApplications,
  proposeAssistance,
  recordPayment,
  rejectAssistance,
  refuseApplication,
  resumeReview,
  returnForDocuments,
  startReview,
  submitApplication,
} from "@/lib/cases";
import { BACKENDS, createTestDatabase } from "../support/db";
import { confirmedSubmission, pengshuiId, sessionUser } from "../support/registry";

const DIBAO = pengshuiId("1960-05-01", 11);
const YINBING = pengshuiId("1971-08-09", 23);
/** Not in the registry (普通参保人); last character X to test case-insensitive last 4. */
const OUTSIDER = (() => {
  for (let serial = 10; serial < 100; serial++) {
    const first17 = `500243198205170${serial}`;
    if (idCheckDigit(first17) === "X") return `${first17}X`;
  }
  throw new Error("no serial with check digit X");
})();

let address = 0;
/** A fresh client address per submission: the public limiter counts per address. */
const addr = () => `198.51.100.${++address}`;

const form = (idNumber: string, over: Record<string, string> = {}) => ({
  regionCode: "500243",
  applicantName: "冉光明",
  idNumber,
  phone: "13800000000",
  householdSize: "4",
  householdAnnualIncome: "18000.00",
  incomeStatement: "务农，年收入约1.8万元",
  reason: "住院费用负担重，申请医疗救助",
  "bills.0.hospitalName": "彭水县人民医院",
  "bills.0.visitDate": "2024-03-15",
  "bills.0.totalCost": "50000.00",
  "bills.0.insurancePaid": "30000.00",
  "bills.0.selfPay": "12345.67",
  "bills.1.hospitalName": "重庆医科大学附属第一医院",
  "bills.1.visitDate": "2024-05-02",
  "bills.1.totalCost": "8000.00",
  "bills.1.insurancePaid": "5000.00",
  "bills.1.selfPay": "2000.00",
  // an empty third row, as the form sends it
  "bills.2.hospitalName": "",
  "bills.2.visitDate": "",
  "bills.2.totalCost": "",
  "bills.2.insurancePaid": "",
  "bills.2.selfPay": "",
  ...over,
});

describe.each(BACKENDS)("on-application assistance (W6) on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let admin: SessionUser;
  let admin2: SessionUser;
  let dibaoPerson: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    admin = await sessionUser(db, "admin");
    await db.insert(users).values({ username: "admin2", displayName: "彭水县医保局 副局长", passwordHash: "x", role: "county_admin", regionScope: "500243" });
    admin2 = await sessionUser(db, "admin2");
    const minzheng = await sessionUser(db, "minzheng");
    await confirmedSubmission(db, minzheng, "MINZHENG", "2024-01", [
      { idNumber: DIBAO, name: "冉光明", category: "DIBAO", changeType: "ADD", certifiedOn: "2023-06-01" },
      { idNumber: YINBING, name: "任秀英", category: "YINBING", changeType: "ADD", certifiedOn: "2023-06-01" },
    ]);
    await reconcileMonth(db, clerk, { month: "2024-01" });
    const [p] = await db.select().from(persons).where(eq(persons.idNumber, DIBAO));
    dibaoPerson = p!.id;
  });
  afterAll(async () => handle?.close());

  const count = async (table: typeof applications | typeof applicationEvents | typeof auditLog) =>
    (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const eventsOf = async (id: string) => handle.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id)).orderBy(applicationEvents.id);
  const row = async (id: string) => (await handle.db.select().from(applications).where(eq(applications.id, id)))[0]!;

  test("the whole flow: public application → accepted → returned → supplied by the applicant → proposed (adjusted) → approved → paid", async () => {
    const { db } = handle;
    const { id, number } = await submitApplication(db, form(DIBAO), { source: "public", clientAddress: addr() });
    expect(number).toMatch(/^YS\d{4}[0-9A-HJKMNP-TV-Z]{8}$/);
    const submitted = await row(id);
    expect(submitted).toMatchObject({ state: "SUBMITTED", source: "public", personId: dibaoPerson, regionCode: "500243", householdSize: 4, householdAnnualIncome: "18000.00" });
    expect(submitted.bills).toHaveLength(2); // the blank row is dropped

    expect(await acceptApplication(db, clerk, { applicationId: id })).toEqual({ unchanged: false, state: "ACCEPTED" });
    await startReview(db, clerk, { applicationId: id });
    // Before proposing, the case page shows the engine's proposal: 14345.67 × 80% = 11476.536 → 11476.54
    const review = await getApplication(db, clerk, id);
    expect(review.proposal).toMatchObject({ resolvedCategory: "DIBAO", base: "14345.67", ratio: "0.80", amount: "11476.54" });
    expect(review.application.maskedIdNumber).toBe(`500243********${DIBAO.slice(-4)}`);
    expect(JSON.stringify(review)).not.toContain(DIBAO);

    await returnForDocuments(db, clerk, { applicationId: id, missingDocuments: ["住院费用明细清单", "出院小结"], note: "内部备注：票据复印件不清晰" });
    const returned = await getApplicationStatus(db, number, DIBAO.slice(-4), addr());
    expect(returned).toMatchObject({ state: "RETURNED", stateLabel: "退回补正", missingDocuments: ["住院费用明细清单", "出院小结"], decision: null, approvedAmount: null });

    const answered = await answerReturnedApplication(db, { number: number.toLowerCase(), last4: DIBAO.slice(-4), note: "已到窗口补交明细清单和出院小结" }, addr());
    expect(answered).toMatchObject({ state: "UNDER_REVIEW", missingDocuments: null });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ fromState: "RETURNED", toState: "UNDER_REVIEW", actorId: null });

    // A different amount needs a reason; the refusal writes nothing.
    const [events, audits] = [(await eventsOf(id)).length, await count(auditLog)];
    await expect(proposeAssistance(db, clerk, { applicationId: id, amount: "11000.00" })).rejects.toMatchObject({ code: "REASON_REQUIRED", fieldErrors: { reason: expect.stringContaining("¥11,476.54") } });
    expect([(await eventsOf(id)).length, await count(auditLog), (await row(id)).state]).toEqual([events, audits, "UNDER_REVIEW"]);

    await proposeAssistance(db, clerk, { applicationId: id, amount: "11000.00", reason: "内部备注：第二张票据部分费用已由商业保险赔付" });
    expect(await row(id)).toMatchObject({ state: "PROPOSED", engineAmount: "11476.54", proposedAmount: "11000.00", proposedBy: clerk.id, adjustmentReason: "内部备注：第二张票据部分费用已由商业保险赔付" });
    expect(((await row(id)).engineReceipt as { steps: { ruleId: string }[] }).steps.map((s) => s.ruleId)).toEqual(["P-APP-1", "P-ASSIST-3", "P-ASSIST-5"]);

    // Double approve (a double click, in parallel): one approval event.
    const outcomes = await Promise.all([approveAssistance(db, admin, { applicationId: id }), approveAssistance(db, admin, { applicationId: id })]);
    expect(outcomes.map((o) => o.unchanged).sort()).toEqual([false, true]);
    expect(await approveAssistance(db, admin, { applicationId: id })).toEqual({ unchanged: true, state: "APPROVED" });
    expect((await eventsOf(id)).filter((e) => e.toState === "APPROVED")).toHaveLength(1);
    expect(await row(id)).toMatchObject({ state: "APPROVED", decidedBy: admin.id, decision: "经审核，同意给予医疗救助¥11,000.00。" });

    // Double pay: one payment event.
    await Promise.all([recordPayment(db, clerk, { applicationId: id, paymentReference: "ZF2024-000123" }), recordPayment(db, clerk, { applicationId: id, paymentReference: "ZF2024-000123" })]);
    expect(await recordPayment(db, clerk, { applicationId: id, paymentReference: "ZF2024-000999" })).toEqual({ unchanged: true, state: "PAID" });
    expect((await eventsOf(id)).filter((e) => e.toState === "PAID")).toHaveLength(1);
    expect(await row(id)).toMatchObject({ state: "PAID", paymentReference: "ZF2024-000123" });

    expect((await eventsOf(id)).map((e) => `${e.fromState ?? "—"}→${e.toState}`)).toEqual([
      "—→SUBMITTED", "SUBMITTED→ACCEPTED", "ACCEPTED→UNDER_REVIEW", "UNDER_REVIEW→RETURNED", "RETURNED→UNDER_REVIEW", "UNDER_REVIEW→PROPOSED", "PROPOSED→APPROVED", "APPROVED→PAID",
    ]);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["case.submit", "case.accept", "case.startReview", "case.returnForDocuments", "case.resume", "case.propose", "case.approve", "case.pay"]);

    // The citizen sees the state, the decision and the amount — no staff notes, no reasons, no full ID.
    const status = await getApplicationStatus(db, number, DIBAO.slice(-4), addr());
    expect(status).toMatchObject({ state: "PAID", stateLabel: "已发放", approvedAmount: "11000.00", decision: "经审核，同意给予医疗救助¥11,000.00。", missingDocuments: null });
    expect(status.history.map((h) => h.stateLabel)).toEqual(["已提交", "已受理", "审核中", "退回补正", "审核中", "待审批", "已批准", "已发放"]);
    const text = JSON.stringify(status);
    for (const secret of ["内部备注", "商业保险", "已到窗口补交", "ZF2024", DIBAO, "冉光明", clerk.id, admin.id]) expect(text).not.toContain(secret);

    // The case is on the person's page and in the list.
    expect((await listPersonApplications(db, clerk, dibaoPerson)).map((a) => a.number)).toContain(number);
    const list = await listApplications(db, clerk, { q: number.toLowerCase() });
    expect(list.rows.map((r) => [r.number, r.state, r.ageDays, r.overdue])).toEqual([[number, "PAID", 0, false]]);
    expect(list.targetDays).toBe(20);
  });

  test("four eyes: the proposing admin's approve is refused by the server and nothing is written; another admin approves", async () => {
    const { db } = handle;
    const { id } = await submitApplication(db, form(DIBAO, { "bills.1.selfPay": "0.00" }), { source: "window", actor: admin });
    expect((await row(id)).source).toBe("window");
    await acceptApplication(db, admin, { applicationId: id });
    await startReview(db, admin, { applicationId: id });
    await proposeAssistance(db, admin, { applicationId: id, amount: "9876.54" }); // 12345.67 × 80% = 9876.536
    // P-ASSIST-5: the first case's 11,000.00 already counts against this year's limit.
    expect(((await row(id)).engineReceipt as { request: { yearToDate: { assistancePaid: string } } }).request.yearToDate.assistancePaid).toBe("11000.00");
    const before = [(await eventsOf(id)).length, await count(auditLog)];
    await expect(approveAssistance(db, admin, { applicationId: id })).rejects.toMatchObject({ status: 403, message: "不能审批本人提出的救助方案" });
    await expect(rejectAssistance(db, admin, { applicationId: id, reason: "自己驳回" })).rejects.toMatchObject({ status: 403 });
    // a clerk has no case.decide at all
    await expect(approveAssistance(db, clerk, { applicationId: id })).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect([(await eventsOf(id)).length, await count(auditLog)]).toEqual(before);
    expect(await row(id)).toMatchObject({ state: "PROPOSED", decidedBy: null });
    expect(await approveAssistance(db, admin2, { applicationId: id, decision: "同意救助9876.54元" })).toEqual({ unchanged: false, state: "APPROVED" });
    expect(await row(id)).toMatchObject({ decidedBy: admin2.id, decision: "同意救助9876.54元" });
  });

  test("a wrong state is refused in Chinese; a rejection and a refusal are the decision the applicant reads", async () => {
    const { db } = handle;
    const { id, number } = await submitApplication(db, form(YINBING, { applicantName: "任秀英" }), { source: "public", clientAddress: addr() });
    await expect(recordPayment(db, clerk, { applicationId: id, paymentReference: "ZF1" })).rejects.toMatchObject({ code: "WRONG_STATE", message: "该申请当前为“已提交”，不能登记发放" });
    await acceptApplication(db, clerk, { applicationId: id });
    await startReview(db, clerk, { applicationId: id });
    expect((await getApplication(db, clerk, id)).proposal).toMatchObject({ resolvedCategory: "YINBING", amount: "10041.97" }); // 14345.67 × 70%
    await returnForDocuments(db, clerk, { applicationId: id, missingDocuments: ["户口簿"] });
    expect(await resumeReview(db, clerk, { applicationId: id, note: "已补交" })).toEqual({ unchanged: false, state: "UNDER_REVIEW" });
    await proposeAssistance(db, clerk, { applicationId: id, amount: "10041.97" });
    expect((await row(id)).adjustmentReason).toBeNull();
    await rejectAssistance(db, admin, { applicationId: id, reason: "经核查，票据已在其他地区获得救助" });
    const status = await getApplicationStatus(db, number, YINBING.slice(-4), addr());
    expect(status).toMatchObject({ stateLabel: "已驳回", decision: "经核查，票据已在其他地区获得救助", approvedAmount: null });

    const second = await submitApplication(db, form(YINBING), { source: "public", clientAddress: addr() });
    await refuseApplication(db, clerk, { applicationId: second.id, reason: "不属于本县参保人员" });
    expect(await getApplicationStatus(db, second.number, YINBING.slice(-4), addr())).toMatchObject({ stateLabel: "不予受理", decision: "不属于本县参保人员" });
  });

  test("an applicant outside the registry: no category, the engine proposes 0 with its reason; the clerk adjusts with a reason", async () => {
    const { db } = handle;
    const { id, number } = await submitApplication(db, form(OUTSIDER, { applicantName: "张三" }), { source: "public", clientAddress: addr() });
    expect((await row(id)).personId).toBeNull();
    await acceptApplication(db, clerk, { applicationId: id });
    await startReview(db, clerk, { applicationId: id });
    const { proposal } = await getApplication(db, clerk, id);
    expect(proposal).toMatchObject({ resolvedCategory: "NONE", ratio: null, amount: "0.00" });
    expect(proposal!.steps.at(-1)!.explanation).toContain("不是本政策的医疗救助对象");
    await proposeAssistance(db, clerk, { applicationId: id, amount: "3000.00", reason: "因病导致基本生活严重困难，临时救助" });
    expect(await row(id)).toMatchObject({ engineAmount: "0.00", proposedAmount: "3000.00" });
    // The last 4 is compared case-insensitively (X).
    expect((await getApplicationStatus(db, number, OUTSIDER.slice(-4).toLowerCase(), addr())).stateLabel).toBe("待审批");
  });

  test("wrong number and wrong last 4 get the same not-found answer; lookups are rate-limited per address", async () => {
    const { db } = handle;
    const { number } = await submitApplication(db, form(DIBAO), { source: "public", clientAddress: addr() });
    const wrongLast4 = await getApplicationStatus(db, number, "0000", addr()).catch((e: unknown) => e);
    const wrongNumber = await getApplicationStatus(db, "YS2024ZZZZZZZZ", DIBAO.slice(-4), addr()).catch((e: unknown) => e);
    expect(wrongLast4).toMatchObject({ code: "NOT_FOUND" });
    expect(wrongNumber).toMatchObject({ code: "NOT_FOUND", message: (wrongLast4 as Error).message });
    const one = `203.0.113.${kind === "pglite" ? 1 : 2}`;
    for (let i = 0; i < 20; i++) await getApplicationStatus(db, number, "0000", one).catch(() => null);
    await expect(getApplicationStatus(db, number, DIBAO.slice(-4), one)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Public submissions too (5 per address per ten minutes).
    const sub = `203.0.113.${kind === "pglite" ? 11 : 12}`;
    for (let i = 0; i < 5; i++) await submitApplication(db, form(DIBAO), { source: "public", clientAddress: sub });
    await expect(submitApplication(db, form(DIBAO), { source: "public", clientAddress: sub })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  test.each([
    ["a negative self-pay", { "bills.0.selfPay": "-1.00" }, "bills.0.selfPay", "不能为负数"],
    ["three decimals", { "bills.1.totalCost": "8000.005" }, "bills.1.totalCost", "最多保留两位小数"],
    ["insurance + self-pay above the total", { "bills.0.selfPay": "20000.01" }, "bills.0.selfPay", "不能超过医疗总费用"],
    ["a wrong check digit", { idNumber: `${DIBAO.slice(0, 17)}${DIBAO[17] === "1" ? "2" : "1"}` }, "idNumber", "校验位错误"],
    ["a household of 0", { householdSize: "0" }, "householdSize", "1到20"],
    ["a bad phone", { phone: "12345" }, "phone", "联系电话"],
    ["no bills", { "bills.0.hospitalName": "", "bills.0.visitDate": "", "bills.0.totalCost": "", "bills.0.insurancePaid": "", "bills.0.selfPay": "", "bills.1.hospitalName": "", "bills.1.visitDate": "", "bills.1.totalCost": "", "bills.1.insurancePaid": "", "bills.1.selfPay": "" }, "bills", "至少填写一张"],
    ["a future visit date", { "bills.0.visitDate": "2999-01-01" }, "bills.0.visitDate", "不能晚于今天"],
    ["a county the portal does not serve", { regionCode: "110101" }, "regionCode", "区县"],
  ])("bad input — %s — is refused naming the field, nothing written", async (_label, over, field, message) => {
    const { db } = handle;
    const before = [await count(applications), await count(applicationEvents), await count(auditLog)];
    const error = await submitApplication(db, form(DIBAO, over), { source: "public", clientAddress: addr() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect(Object.keys((error as { fieldErrors: Record<string, string> }).fieldErrors)).toEqual([field]);
    expect((error as { fieldErrors: Record<string, string> }).fieldErrors[field]).toContain(message);
    expect([await count(applications), await count(applicationEvents), await count(auditLog)]).toEqual(before);
  });

  test("createApplication works inside a caller's transaction (W7 alert → case); the county comes from the registry", async () => {
    const { db } = handle;
    const { createApplication } = await import("@/lib/cases");
    const alertId = "00000000-0000-4000-8000-0000000000a1";
    const { regionCode: _r, ...input } = form(DIBAO);
    const created = await db.transaction((tx) => createApplication(tx, input, { source: "alert", actorId: clerk.id, alertId }));
    expect(await row(created.id)).toMatchObject({ source: "alert", regionCode: "500243", personId: dibaoPerson, state: "SUBMITTED" });
    expect((await eventsOf(created.id))[0]).toMatchObject({ toState: "SUBMITTED", actorId: clerk.id, details: { source: "alert", alertId } });
    // A failure later in the caller's transaction leaves no half of it.
    const before = await count(applications);
    await expect(db.transaction(async (tx) => {
      await createApplication(tx, input, { source: "alert", actorId: clerk.id });
      throw new Error("the caller fails afterwards");
    })).rejects.toThrow("the caller fails afterwards");
    expect(await count(applications)).toBe(before);
  });

  test("another county's case is not found (404), for reads and writes", async () => {
    const { db } = handle;
    const { id } = await submitApplication(db, form(DIBAO), { source: "public", clientAddress: addr() });
    const youyang: SessionUser = { ...admin, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    await expect(getApplication(db, youyang, id)).rejects.toMatchObject({ status: 404 });
    await expect(acceptApplication(db, youyang, { applicationId: id })).rejects.toMatchObject({ status: 404 });
    expect((await listApplications(db, youyang, {})).rows).toEqual([]);
    expect((await row(id)).state).toBe("SUBMITTED");
  });

  test("reminder: an undecided case older than the target days (20, P-APP-3 example value) is flagged", async () => {
    const { db } = handle;
    const { id } = await submitApplication(db, form(DIBAO), { source: "public", clientAddress: addr() });
    await db.update(applications).set({ createdAt: sql`now() - interval '25 days'`, stateChangedAt: sql`now() - interval '3 days'` }).where(eq(applications.id, id));
    const { rows } = await listApplications(db, clerk, { state: "SUBMITTED" });
    const mine = rows.find((r) => r.id === id)!;
    expect(mine).toMatchObject({ ageDays: 25, daysInState: 3, overdue: true });
    expect(rows.filter((r) => r.id !== id).every((r) => !r.overdue)).toBe(true);
    expect((await listApplications(db, clerk, { state: "PAID" })).rows.every((r) => r.state === "PAID" && !r.overdue)).toBe(true);
  });
});
