import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { alerts, applicationEvents, applications, auditLog, persons } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { dismissAlert, listAlerts } from "@/lib/alerts/alerts";
import { openCaseFromAlert } from "@/lib/alerts/open-case";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";
import { BACKENDS, createTestDatabase } from "../support/db";
import { enrolled } from "../support/enrolment";
import { pengshuiId, sessionUser } from "../support/registry";

const stay = (personId: string, visitDate: string, totalCost = "120000.00") =>
  visitInputSchema.parse({ personId, visitDate, kind: "inpatient", hospitalLevel: "2", location: "county", referral: "not_required", totalCost, outOfCatalogCost: "15000.00", selfPayFirstCost: "5000.00", hospitalName: "彭水县人民医院" });

const caseDetails = { phone: "13900000001", householdSize: "4", householdAnnualIncome: "18000.00", incomeStatement: "务农，家中两人外出务工", reason: "预警后核实：住院负担重" };

describe.each(BACKENDS)("W7 alerts on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;
  let serial = 40;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    clerk = await sessionUser(handle.db, "clerk");
  });
  afterAll(async () => handle?.close());

  /** A 低保 person enrolled for 2024 whose one big stay opens the level-1 alert. */
  async function alertedPerson() {
    const { db } = handle;
    const idNumber = pengshuiId("1961-07-07", ++serial);
    const [p] = await db.insert(persons).values({ idNumber, name: "冉秀珍", regionCode: "500243", townshipCode: "500243001", birthDate: "1961-07-07" }).returning();
    await db.execute(sql`insert into identities (person_id, category, department_code, valid_from) values (${p!.id}, 'DIBAO', 'MINZHENG', '2023-01-01')`);
    await enrolled(db, clerk, p!.id, 2024);
    const { settlementId } = await settleVisit(db, clerk, stay(p!.id, "2024-03-15"));
    const [alert] = await db.select().from(alerts).where(eq(alerts.personId, p!.id));
    return { personId: p!.id, idNumber, settlementId, alert: alert! };
  }

  test("the county's list shows the alert with a masked ID; another county sees none", async () => {
    const { alert, idNumber } = await alertedPerson();
    // 16423.50 left after insurance (the contract's 低保 example) > 10410.00.
    expect(alert).toMatchObject({ level: 1, burden: "16423.50", threshold: "10410.00", state: "OPEN" });
    const listed = (await listAlerts(handle.db, clerk, { state: "OPEN" })).find((r) => r.alert.id === alert.id)!;
    expect(listed.maskedId).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(JSON.stringify(listed)).not.toContain(idNumber);
    expect(await listAlerts(handle.db, { ...clerk, regionScope: "500242" })).toEqual([]);
  });

  test("dismissing needs the alert open; a second dismissal does nothing; a dismissed alert opens no case", async () => {
    const { db } = handle;
    const { alert } = await alertedPerson();
    expect(await dismissAlert(db, clerk, { alertId: alert.id, reason: "已获商业保险赔付" })).toEqual({ unchanged: false });
    expect(await dismissAlert(db, clerk, { alertId: alert.id, reason: "再次点击" })).toEqual({ unchanged: true });
    const [after] = await db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(after).toMatchObject({ state: "DISMISSED", closeReason: "已获商业保险赔付", closedBy: clerk.id });
    await expect(openCaseFromAlert(db, clerk, { alertId: alert.id, ...caseDetails })).rejects.toMatchObject({ code: "ALERT_CLOSED" });
  });

  test("an alert becomes a case whose bills are the year's settled visits, less what every tier paid; opening it twice gives one case", async () => {
    const { db } = handle;
    const { alert, personId } = await alertedPerson();
    // A second stay, reversed: it is not a bill.
    const reversed = await settleVisit(db, clerk, stay(personId, "2024-04-01", "30000.00"));
    await reverseSettlement(db, clerk, { settlementId: reversed.settlementId, reason: "医院退费" });

    const opened = await openCaseFromAlert(db, clerk, { alertId: alert.id, ...caseDetails });
    expect(opened.existing).toBe(false);
    const [application] = await db.select().from(applications).where(eq(applications.id, opened.applicationId));
    expect(application).toMatchObject({ source: "alert", state: "SUBMITTED", personId, applicantName: "冉秀珍", phone: "13900000001", householdSize: 4 });
    // 69790.00 + 13786.50 + 13138.80 + 0 paid; 100000 − 96715.30 = 3284.70 still borne inside the policy range.
    expect(application!.bills).toEqual([{ hospitalName: "彭水县人民医院", visitDate: "2024-03-15", totalCost: "120000.00", insurancePaid: "96715.30", selfPay: "3284.70" }]);
    const [event] = await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, opened.applicationId));
    expect(event).toMatchObject({ fromState: null, toState: "SUBMITTED", actorId: clerk.id, details: { source: "alert", alertId: alert.id } });
    const [closed] = await db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(closed).toMatchObject({ state: "CASE_OPENED", applicationId: opened.applicationId });

    const audits = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const before = await audits();
    expect(await openCaseFromAlert(db, clerk, { alertId: alert.id, ...caseDetails })).toEqual({ applicationId: opened.applicationId, number: null, existing: true });
    expect(await audits()).toBe(before);
    expect(await db.select().from(applications).where(eq(applications.personId, personId))).toHaveLength(1);
  });

  test("bad case details are refused naming the field, and the alert stays open", async () => {
    const { db } = handle;
    const { alert } = await alertedPerson();
    await expect(openCaseFromAlert(db, clerk, { alertId: alert.id, ...caseDetails, phone: "12345" })).rejects.toMatchObject({ fieldErrors: { phone: expect.stringContaining("联系电话") } });
    const [still] = await db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(still!.state).toBe("OPEN");
  });

  test("another county's alert is not found", async () => {
    const { alert } = await alertedPerson();
    const outsider: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000009", regionScope: "500242" };
    await expect(dismissAlert(handle.db, outsider, { alertId: alert.id, reason: "越权" })).rejects.toMatchObject({ status: 404 });
    await expect(openCaseFromAlert(handle.db, outsider, { alertId: alert.id, ...caseDetails })).rejects.toMatchObject({ status: 404 });
  });
});
