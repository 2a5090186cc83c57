import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { executeRows, type DatabaseHandle, type Db } from "@/db";
import { seedDemoRegistry } from "@/db/seed/demo-registry";
import { auditLog, enrolments, persons, subsidyRosters } from "@/db/schema";
import type { CategoryCode } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/types";
import {
  buildRoster,
  enrolPerson,
  enrolmentFor,
  exportRoster,
  getRoster,
  listPersonEnrolments,
  listRosterLines,
  recordRosterPayment,
  rosterSummary,
  setEnrolmentTier,
} from "@/lib/enrolment";
import { shanghaiDate } from "@/lib/registry/deadline";
import { idCheckDigit } from "@/lib/registry/id-number";
import { BACKENDS, createTestDatabase } from "../support/db";
import { sessionUser } from "../support/registry";

/**
 * W4 under pengshui-2023 (P-PS-3), amounts as lib/policy resolves them for 2025: the tier-1
 * individual contribution 380.00 and tier 2 660.00 (P-PS-5 example values); TEKUN 100%,
 * DIBAO 90%, FANPIN/JIANCE/DIBIAN 70% of tier 1; tier 2 gets the tier-1 contribution.
 * Written out here, not taken from the engine, so the engine is checked too.
 */
const EXPECTED: Record<string, { 1: [string, string, string]; 2: [string, string, string] }> = {
  TEKUN: { 1: ["380.00", "380.00", "0.00"], 2: ["660.00", "380.00", "280.00"] },
  DIBAO: { 1: ["380.00", "342.00", "38.00"], 2: ["660.00", "380.00", "280.00"] },
  FANPIN: { 1: ["380.00", "266.00", "114.00"], 2: ["660.00", "380.00", "280.00"] },
  JIANCE: { 1: ["380.00", "266.00", "114.00"], 2: ["660.00", "380.00", "280.00"] },
  DIBIAN: { 1: ["380.00", "266.00", "114.00"], 2: ["660.00", "380.00", "280.00"] },
  YOUFU: { 1: ["380.00", "0.00", "380.00"], 2: ["660.00", "0.00", "660.00"] },
  ZHONGCAN: { 1: ["380.00", "0.00", "380.00"], 2: ["660.00", "0.00", "660.00"] },
  YINBING: { 1: ["380.00", "0.00", "380.00"], 2: ["660.00", "0.00", "660.00"] },
  NONE: { 1: ["380.00", "0.00", "380.00"], 2: ["660.00", "0.00", "660.00"] },
};
const SINGLE: CategoryCode[] = ["TEKUN", "DIBAO", "FANPIN", "JIANCE", "DIBIAN", "YOUFU", "ZHONGCAN", "YINBING"];
/** Highest benefit among the categories (P-ID-2 / P-ID-I1 order of pengshui-2023 for these sets). */
const BULK_SETS: Array<[CategoryCode[], CategoryCode]> = [
  [["TEKUN"], "TEKUN"],
  [["DIBAO"], "DIBAO"],
  [["FANPIN"], "FANPIN"],
  [["JIANCE"], "JIANCE"],
  [["DIBIAN"], "DIBIAN"],
  [["YOUFU"], "YOUFU"],
  [["ZHONGCAN"], "ZHONGCAN"],
  [["YINBING"], "YINBING"],
  [["DIBAO", "FANPIN"], "DIBAO"],
  [["TEKUN", "ZHONGCAN"], "TEKUN"],
  [["DIBIAN", "YINBING"], "DIBIAN"],
];

describe.each(BACKENDS)("enrolment and premium subsidy on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  let clerk: SessionUser;
  let outsider: SessionUser;
  let serial = 100;
  const people: Record<string, string> = {};

  /** A 彭水 person with the given identities ([category, validFrom, validTo?]). */
  async function person(label: string, identities: Array<[CategoryCode, string, string?]>, region = "500243"): Promise<string> {
    serial += 1;
    const first17 = `${region}19700101${String(serial).padStart(3, "0")}`;
    const [p] = await db
      .insert(persons)
      .values({ idNumber: first17 + idCheckDigit(first17), name: `测试${label}`, regionCode: region, townshipCode: `${region}001`, birthDate: "1970-01-01" })
      .returning({ id: persons.id });
    for (const [category, from, to] of identities) {
      await db.execute(sql`insert into identities (person_id, category, department_code, valid_from, valid_to) values (${p!.id}, ${category}, 'MINZHENG', ${from}, ${to ?? null})`);
    }
    people[label] = p!.id;
    return p!.id;
  }

  const count = async (table: typeof enrolments | typeof subsidyRosters | typeof auditLog) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const enrolmentOf = async (label: string, year = 2025) => (await enrolmentFor(db, people[label]!, year))!;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    db = handle.db;
    clerk = await sessionUser(db, "clerk");
    outsider = { ...clerk, id: "00000000-0000-4000-8000-000000000009", username: "youyang", regionScope: "500242" };
    for (const c of SINGLE) await person(c, [[c, "2023-01-01"]]);
    await person("DIBAO+FANPIN", [["DIBAO", "2023-01-01"], ["FANPIN", "2024-03-01"]]);
    await person("left-TEKUN", [["TEKUN", "2020-01-01", "2024-06-01"]]); // left before the subsidy date: not on the roster
    await person("new-DIBAO", [["DIBAO", "2025-03-01"]]); // certified during the year: a late enrolee
    await person("enrolled-DIBAO", [["DIBAO", "2023-01-01"]]); // enrolled on their own before the roster
    await person("no-category", []);
    await person("youyang-DIBAO", [["DIBAO", "2023-01-01"]], "500242");
    // A bulk of people with every category set, for totals checked against an independent sum.
    for (let i = 0; i < 220; i++) {
      const [set] = BULK_SETS[i % BULK_SETS.length]!;
      await person(`bulk-${i}`, set.map((c) => [c, "2022-07-01"] as [CategoryCode, string]));
    }
  });
  afterAll(async () => handle?.close());

  test("enrolPerson on time (paid in the collection period): DIBAO tier 1 → 342.00 subsidy, 38.00 to pay, covered from 1 January; audited", async () => {
    const audits = await count(auditLog);
    const result = await enrolPerson(db, clerk, { personId: people["enrolled-DIBAO"]!, year: 2025, insuranceTier: 1, paidOn: "2024-11-20" });
    expect(result).toMatchObject({ late: false, coverageFrom: "2025-01-01", resolvedCategory: "DIBAO", individualContribution: "380.00", subsidy: "342.00", personPays: "38.00", policyCode: "pengshui-2023" });
    expect(await enrolmentOf("enrolled-DIBAO")).toMatchObject({ year: 2025, insuranceTier: 1, paidOn: "2024-11-20", coverageFrom: "2025-01-01", late: false, subsidy: "342.00", personPays: "38.00", rosterId: null });
    expect(await count(auditLog)).toBe(audits + 1);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "enrolment.create"), eq(auditLog.targetId, result.enrolmentId)));
    expect(entry).toMatchObject({ actorUsername: "clerk", targetType: "enrolment" });
  });

  test("a second enrolment of the same person-year is refused in Chinese (P-PS-4: no refund, subsidy from next year); nothing written", async () => {
    const [n, a] = [await count(enrolments), await count(auditLog)];
    const error = await enrolPerson(db, clerk, { personId: people["enrolled-DIBAO"]!, year: 2025, insuranceTier: 2, paidOn: "2024-12-01" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ALREADY_ENROLLED" });
    expect((error as Error).message).toBe("该人员2025年度已参保（2024年11月20日缴费），不能重复登记；已缴费用不予退还，身份变化后的资助从下一年度起享受（P-PS-4）");
    expect(Object.keys((error as { fieldErrors: object }).fieldErrors)).toEqual(["year"]);
    expect([await count(enrolments), await count(auditLog)]).toEqual([n, a]);
  });

  test("buildRoster: everyone with a category in force on the subsidy date and not yet enrolled, at tier 1, with the engine's amounts (P-PS-3)", async () => {
    const audits = await count(auditLog);
    const built = await buildRoster(db, clerk, { year: 2025, subsidyDate: "2024-12-31" });
    expect(built).toMatchObject({ existing: false, persons: SINGLE.length + 1 + 220 });
    const roster = await getRoster(db, clerk, built.rosterId);
    expect(roster).toMatchObject({ regionCode: "500243", year: 2025, subsidyDate: "2024-12-31", policyCode: "pengshui-2023", paidAt: null });
    // Exact amounts per category at tier 1, covered from 1 January (paid in the collection period).
    for (const c of SINGLE) {
      const e = await enrolmentOf(c);
      expect([e.resolvedCategory, e.insuranceTier, e.individualContribution, e.subsidy, e.personPays, e.coverageFrom, e.late, e.rosterId]).toEqual([c, 1, ...EXPECTED[c]![1], "2025-01-01", false, built.rosterId]);
    }
    // Highest benefit, once: 低保 and 返贫致贫 → 低保 90%.
    expect(await enrolmentOf("DIBAO+FANPIN")).toMatchObject({ resolvedCategory: "DIBAO", subsidy: "342.00", personPays: "38.00" });
    // Not on the roster: left before the date, certified after it, already enrolled, no category, another county.
    for (const label of ["left-TEKUN", "new-DIBAO", "no-category", "youyang-DIBAO"]) expect(await enrolmentFor(db, people[label]!, 2025)).toBeNull();
    expect((await enrolmentOf("enrolled-DIBAO")).rosterId).toBeNull();
    // Audited once, with the counts.
    expect(await count(auditLog)).toBe(audits + 1);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "subsidy_roster.build"));
    expect(entry!.details).toMatchObject({ year: 2025, persons: SINGLE.length + 221, coverageFrom: "2025-01-01", policy: "pengshui-2023" });
  });

  test("a second build is a no-op: the same roster, nothing written", async () => {
    const [roster] = await db.select().from(subsidyRosters).where(eq(subsidyRosters.year, 2025));
    const [n, r, a] = [await count(enrolments), await count(subsidyRosters), await count(auditLog)];
    expect(await buildRoster(db, clerk, { year: 2025, subsidyDate: "2025-01-15" })).toEqual({ rosterId: roster!.id, existing: true, persons: SINGLE.length + 221 });
    expect([await count(enrolments), await count(subsidyRosters), await count(auditLog)]).toEqual([n, r, a]);
  });

  test("setEnrolmentTier: tier 2 → 660.00 / 380.00 / 280.00 (P-PS-3), back to tier 1; no subsidy stays none at tier 2", async () => {
    const dibao = await enrolmentOf("DIBAO");
    expect(await setEnrolmentTier(db, clerk, { enrolmentId: dibao.id, insuranceTier: "2" })).toMatchObject({ changed: true, subsidy: "380.00", personPays: "280.00" });
    expect(await enrolmentOf("DIBAO")).toMatchObject({ insuranceTier: 2, individualContribution: "660.00", subsidy: "380.00", personPays: "280.00" });
    const youfu = await enrolmentOf("YOUFU");
    await setEnrolmentTier(db, clerk, { enrolmentId: youfu.id, insuranceTier: 2 });
    expect(await enrolmentOf("YOUFU")).toMatchObject({ insuranceTier: 2, individualContribution: "660.00", subsidy: "0.00", personPays: "660.00" });
    const tekun = await enrolmentOf("TEKUN");
    await setEnrolmentTier(db, clerk, { enrolmentId: tekun.id, insuranceTier: 2 });
    await setEnrolmentTier(db, clerk, { enrolmentId: tekun.id, insuranceTier: 1 });
    expect(await enrolmentOf("TEKUN")).toMatchObject({ insuranceTier: 1, individualContribution: "380.00", subsidy: "380.00", personPays: "0.00" });
    // Every category at tier 2 on a bulk line.
    for (const c of ["FANPIN", "JIANCE", "DIBIAN", "ZHONGCAN", "YINBING"] as const) {
      await setEnrolmentTier(db, clerk, { enrolmentId: (await enrolmentOf(c)).id, insuranceTier: 2 });
      const e = await enrolmentOf(c);
      expect([e.individualContribution, e.subsidy, e.personPays]).toEqual(EXPECTED[c]![2]);
      await setEnrolmentTier(db, clerk, { enrolmentId: e.id, insuranceTier: 1 });
    }
    // An enrolment recorded on its own is not a roster line.
    await expect(setEnrolmentTier(db, clerk, { enrolmentId: (await enrolmentOf("enrolled-DIBAO")).id, insuranceTier: 2 })).rejects.toMatchObject({ code: "NOT_ON_ROSTER" });
  });

  test("roster totals per category × tier and the grand total equal sums computed independently, exact to the fen", async () => {
    const [roster] = await db.select().from(subsidyRosters).where(eq(subsidyRosters.year, 2025));
    // The roster now: DIBAO and YOUFU at tier 2, everyone else at tier 1.
    const expected = new Map<string, { persons: number; c: Decimal; s: Decimal; p: Decimal }>();
    const add = (category: string, tier: 1 | 2) => {
      const key = `${category}|${tier}`;
      const row = expected.get(key) ?? { persons: 0, c: new Decimal(0), s: new Decimal(0), p: new Decimal(0) };
      const [c, s, p] = EXPECTED[category]![tier];
      expected.set(key, { persons: row.persons + 1, c: row.c.plus(c), s: row.s.plus(s), p: row.p.plus(p) });
    };
    for (const c of SINGLE) add(c, c === "DIBAO" || c === "YOUFU" ? 2 : 1);
    add("DIBAO", 1); // DIBAO+FANPIN
    for (let i = 0; i < 220; i++) add(BULK_SETS[i % BULK_SETS.length]![1], 1);

    const { rows, totals } = await rosterSummary(db, clerk, roster!.id);
    expect(rows.map((r) => [`${r.category}|${r.insuranceTier}`, r.persons, r.individualContribution, r.subsidy, r.personPays]).sort()).toEqual(
      [...expected].map(([k, v]) => [k, v.persons, v.c.toFixed(2), v.s.toFixed(2), v.p.toFixed(2)]).sort(),
    );
    const all = [...expected.values()];
    const sum = (f: (v: (typeof all)[number]) => Decimal) => all.reduce((acc, v) => acc.plus(f(v)), new Decimal(0)).toFixed(2);
    expect(totals).toEqual({ persons: SINGLE.length + 221, individualContribution: sum((v) => v.c), subsidy: sum((v) => v.s), personPays: sum((v) => v.p) });
    // The rows add up to the grand total, and contribution = subsidy + person pays.
    expect(new Decimal(totals.individualContribution).equals(new Decimal(totals.subsidy).plus(totals.personPays))).toBe(true);

    // Paged lines with masked ID numbers.
    const page = await listRosterLines(db, clerk, roster!.id, { page: 2, pageSize: 100 });
    expect(page).toMatchObject({ total: SINGLE.length + 221, page: 2, pageCount: 3, pageSize: 100 });
    expect(page.lines).toHaveLength(100);
    expect(page.lines[0]!.maskedIdNumber).toMatch(/^500243\*{8}\d{3}[\dX]$/);

    // The workbook: a totals sheet whose grand total is the same, and one line per person.
    const file = await exportRoster(db, clerk, roster!.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as never);
    const summary = workbook.getWorksheet("汇总")!;
    let totalRow: ExcelJS.Row | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "合计") totalRow = row;
    });
    expect(totalRow!.getCell(3).value).toBe(SINGLE.length + 221);
    expect((totalRow!.getCell(5).value as number).toFixed(2)).toBe(totals.subsidy);
    expect(totalRow!.getCell(5).numFmt).toBe("#,##0.00");
    const sheet = workbook.getWorksheet("名单")!;
    expect(sheet.rowCount).toBe(SINGLE.length + 222);
    expect(sheet.getRow(1).getCell(2).value).toBe("公民身份号码（脱敏）");
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^500243\*{8}/);
  });

  test("payment is recorded once: the same reference again changes nothing, another is refused; then tiers are frozen", async () => {
    const [roster] = await db.select().from(subsidyRosters).where(eq(subsidyRosters.year, 2025));
    expect(await recordRosterPayment(db, clerk, { rosterId: roster!.id, paymentReference: "PS-ZZ-2025-001" })).toEqual({ rosterId: roster!.id, existing: false });
    const paid = await getRoster(db, clerk, roster!.id);
    expect(paid).toMatchObject({ paymentReference: "PS-ZZ-2025-001", paidBy: clerk.id });
    expect(paid.paidAt).toBeInstanceOf(Date);
    const audits = await count(auditLog);
    expect(await recordRosterPayment(db, clerk, { rosterId: roster!.id, paymentReference: "PS-ZZ-2025-001" })).toEqual({ rosterId: roster!.id, existing: true });
    const error = await recordRosterPayment(db, clerk, { rosterId: roster!.id, paymentReference: "PS-ZZ-2025-999" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ALREADY_PAID", fieldErrors: { paymentReference: "该资助名单已记录拨付（凭证号 PS-ZZ-2025-001），不能再改为其他凭证号" } });
    await expect(setEnrolmentTier(db, clerk, { enrolmentId: (await enrolmentOf("FANPIN")).id, insuranceTier: 2 })).rejects.toMatchObject({ code: "ROSTER_PAID" });
    expect(await count(auditLog)).toBe(audits);
    expect((await getRoster(db, clerk, roster!.id)).paidAt).toEqual(paid.paidAt);
  });

  test("P-BASIC-6 late enrolment: category on the payment day, cover from the next day (pengshui-2023 silent → the Chongqing rule)", async () => {
    const result = await enrolPerson(db, clerk, { personId: people["new-DIBAO"]!, year: "2025" as never, insuranceTier: "1" as never, paidOn: "2025-03-10" });
    expect(result).toMatchObject({ late: true, coverageFrom: "2025-03-11", resolvedCategory: "DIBAO", subsidy: "342.00", personPays: "38.00" });
    // No category on the payment day: an ordinary enrolee pays the whole contribution.
    expect(await enrolPerson(db, clerk, { personId: people["no-category"]!, year: 2025, insuranceTier: 2, paidOn: "2025-06-30" })).toMatchObject({
      late: true,
      coverageFrom: "2025-07-01",
      resolvedCategory: "NONE",
      individualContribution: "660.00",
      subsidy: "0.00",
      personPays: "660.00",
    });
    // Someone who left the category before the payment day is not subsidised.
    expect(await enrolPerson(db, clerk, { personId: people["left-TEKUN"]!, year: 2025, insuranceTier: 1, paidOn: "2025-02-01" })).toMatchObject({ resolvedCategory: "NONE", subsidy: "0.00", coverageFrom: "2025-02-02" });
    const listed = await listPersonEnrolments(db, clerk, people["new-DIBAO"]!);
    expect(listed.map((e) => [e.year, e.late, e.coverageFrom, e.onRoster])).toEqual([[2025, true, "2025-03-11", false]]);
  });

  test("P-BASIC-6 / P-PS-4 under wenzhou-2019 (nextMonth): a late enrolee is covered from the first of the next month", async () => {
    const wenzhou: SessionUser = { ...clerk, id: "00000000-0000-4000-8000-000000000033", username: "wenzhou", regionScope: "330302" };
    const personId = await person("wenzhou-DIBAO", [["DIBAO", "2019-12-01"]], "330302");
    expect(await enrolPerson(db, wenzhou, { personId, year: 2020, insuranceTier: 1, paidOn: "2020-03-15" })).toMatchObject({
      late: true,
      coverageFrom: "2020-04-01",
      policyCode: "wenzhou-2019",
      resolvedCategory: "DIBAO",
    });
    // The wenzhou roster for a year paid in the collection period still covers from 1 January.
    await person("wenzhou-TEKUN", [["TEKUN", "2019-11-01"]], "330302");
    const built = await buildRoster(db, wenzhou, { year: 2020, subsidyDate: "2019-12-20" });
    expect(built.persons).toBe(1);
    const e = await enrolmentFor(db, people["wenzhou-TEKUN"]!, 2020);
    expect(e).toMatchObject({ coverageFrom: "2020-01-01", late: false, policyCode: "wenzhou-2019" });
  });

  test("a roster built during the year is a late enrolment for all its lines: cover from the day after the subsidy date", async () => {
    const personId = await person("2026-DIBAO", [["DIBAO", "2023-01-01"]]);
    // Everyone else of 2026 is enrolled already except this one and the bulk: build 2026 with a date in the year.
    const built = await buildRoster(db, clerk, { year: 2026, subsidyDate: "2026-02-10" });
    expect(built.existing).toBe(false);
    expect(await enrolmentFor(db, personId, 2026)).toMatchObject({ late: true, paidOn: "2026-02-10", coverageFrom: "2026-02-11", subsidy: "342.00" });
  });

  test.each([
    ["a subsidy date outside the year's window", () => buildRoster(db, clerk, { year: 2027, subsidyDate: "2025-12-31" }), "subsidyDate"],
    ["an impossible subsidy date", () => buildRoster(db, clerk, { year: 2027, subsidyDate: "2026-02-30" }), "subsidyDate"],
    ["a future subsidy date", () => buildRoster(db, clerk, { year: 2100, subsidyDate: "2100-01-01" }), "subsidyDate"],
    ["a year before 2018", () => buildRoster(db, clerk, { year: 2017, subsidyDate: "2017-01-01" }), "year"],
    ["tier 3", () => enrolPerson(db, clerk, { personId: people["no-category"]!, year: 2024, insuranceTier: 3 as never, paidOn: "2024-05-01" }), "insuranceTier"],
    ["no payment date", () => enrolPerson(db, clerk, { personId: people["no-category"]!, year: 2024, insuranceTier: 1, paidOn: "" }), "paidOn"],
    ["a payment date two years early", () => enrolPerson(db, clerk, { personId: people["no-category"]!, year: 2024, insuranceTier: 1, paidOn: "2022-12-31" }), "paidOn"],
    ["a bad person id", () => enrolPerson(db, clerk, { personId: "12", year: 2024, insuranceTier: 1, paidOn: "2024-05-01" }), "personId"],
    ["an empty payment reference", () => recordRosterPayment(db, clerk, { rosterId: "00000000-0000-4000-8000-000000000001", paymentReference: " " }), "paymentReference"],
    ["a policy date before any subsidy parameter", () => enrolPerson(db, clerk, { personId: people["no-category"]!, year: 2018, insuranceTier: 1, paidOn: "2018-01-05" }), "paidOn"],
  ])("bad input — %s — is refused naming the field, nothing written", async (_label, call, field) => {
    const before = [await count(enrolments), await count(subsidyRosters), await count(auditLog)];
    const error = await call().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/INVALID_INPUT|SUBSIDY_REFUSED/) });
    expect(Object.keys((error as { fieldErrors: Record<string, string> }).fieldErrors)).toContain(field);
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect([await count(enrolments), await count(subsidyRosters), await count(auditLog)]).toEqual(before);
  });

  test("a date with nobody to subsidise builds no roster", async () => {
    const before = [await count(subsidyRosters), await count(auditLog)];
    await expect(buildRoster(db, clerk, { year: 2019, subsidyDate: "2018-06-01" })).rejects.toMatchObject({ code: "NO_CANDIDATES" });
    expect([await count(subsidyRosters), await count(auditLog)]).toEqual(before);
  });

  test("another county's records are not found (404), and nothing is written", async () => {
    const [roster] = await db.select().from(subsidyRosters).where(and(eq(subsidyRosters.year, 2025), eq(subsidyRosters.regionCode, "500243")));
    const before = [await count(enrolments), await count(auditLog)];
    const line = await enrolmentOf("FANPIN");
    for (const call of [
      () => getRoster(db, outsider, roster!.id),
      () => rosterSummary(db, outsider, roster!.id),
      () => listRosterLines(db, outsider, roster!.id),
      () => exportRoster(db, outsider, roster!.id),
      () => recordRosterPayment(db, outsider, { rosterId: roster!.id, paymentReference: "X-1" }),
      () => setEnrolmentTier(db, outsider, { enrolmentId: line.id, insuranceTier: 2 }),
      () => enrolPerson(db, outsider, { personId: people["no-category"]!, year: 2024, insuranceTier: 1, paidOn: "2024-05-01" }),
      () => listPersonEnrolments(db, outsider, people.DIBAO!),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 404 });
    }
    expect([await count(enrolments), await count(auditLog)]).toEqual(before);
    // The outsider's own county roster holds only its own people.
    const own = await buildRoster(db, outsider, { year: 2025, subsidyDate: "2024-12-31" });
    expect(own.persons).toBe(1);
    expect(await enrolmentFor(db, people["youyang-DIBAO"]!, 2025)).toMatchObject({ regionCode: "500242", rosterId: own.rosterId });
  });

  test.runIf(kind === "postgres")("two builds of the same county-year at once make one roster", async () => {
    const runs = await Promise.all([buildRoster(db, clerk, { year: 2024, subsidyDate: "2023-12-31" }), buildRoster(db, clerk, { year: 2024, subsidyDate: "2023-12-31" })]);
    expect(runs.map((r) => r.existing).sort()).toEqual([false, true]);
    expect(runs[0]!.rosterId).toBe(runs[1]!.rosterId);
    expect((await db.select().from(subsidyRosters).where(and(eq(subsidyRosters.year, 2024), eq(subsidyRosters.regionCode, "500243")))).length).toBe(1);
  });
});

describe("the embedded demo", () => {
  test("the demo registry comes with this year's roster: everyone on it covered from 1 January", async () => {
    const handle = await createTestDatabase("pglite", { seedDemo: true });
    try {
      const { db } = handle;
      expect(await seedDemoRegistry(db)).toBe(true);
      const year = Number(shanghaiDate(new Date()).slice(0, 4));
      const [roster] = await db.select().from(subsidyRosters).where(eq(subsidyRosters.year, year));
      expect(roster).toMatchObject({ regionCode: "500243", subsidyDate: `${year - 1}-12-31`, policyCode: "pengshui-2023" });
      const [lines] = await executeRows<{ n: number; from: string[] }>(
        db,
        sql`select count(*)::int as n, array_agg(distinct coverage_from::text) as from from enrolments where roster_id = ${roster!.id}`,
      );
      expect(lines!.n).toBeGreaterThan(100);
      expect(lines!.from).toEqual([`${year}-01-01`]);
      // Those certified later this year enrolled late on their certification day; nobody in the registry this
      // year is left out. (A department list may name someone only to remove them, never certified: a person
      // row with no identity, not in the registry.)
      const [left] = await executeRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from persons p
            where exists (select 1 from identities i where i.person_id = p.id and i.valid_from <= ${shanghaiDate(new Date())}::date
                            and (i.valid_to is null or i.valid_to > ${`${year}-01-01`}::date))
              and not exists (select 1 from enrolments e where e.person_id = p.id and e.year = ${year})`,
      );
      const [inRegistry] = await executeRows<{ n: number }>(db, sql`select count(distinct person_id)::int as n from identities`);
      expect(inRegistry!.n).toBeGreaterThan(100);
      expect(left!.n).toBe(0);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
