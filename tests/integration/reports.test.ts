import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import Decimal from "decimal.js";
import type { DatabaseHandle } from "@/db";
import { executeRows } from "@/db/client";
import type { SessionUser } from "@/lib/auth/types";
import { runSettlementJob } from "@/lib/bulk-settlement/run-job";
import { stageSettlementJob } from "@/lib/bulk-settlement/stage-job";
import { getDispatchReport } from "@/lib/reports/dispatch-report";
import { categoryPriorityFor } from "@/lib/registry/category-priority";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { loadSyntheticCounty, syntheticVisits } from "../../scripts/support/synthetic-county";
import { BACKENDS, createTestDatabase } from "../support/db";
import { sessionUser } from "../support/registry";

const YEAR = 2025;
const MONTH = "2025-06";

describe.each(BACKENDS)("monthly dispatch report on %s", (kind) => {
  let handle: DatabaseHandle;
  let clerk: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    const { db } = handle;
    clerk = await sessionUser(db, "clerk");
    const ids = await loadSyntheticCounty(db, clerk, { persons: 1_500, year: YEAR, seed: 5 });
    const job = await stageSettlementJob(db, clerk, { label: "test", visits: syntheticVisits(ids, { count: 3_000, year: YEAR, seed: 5 }) });
    await runSettlementJob(db, clerk, job.id, { batchSize: 1_000 });
    // A few reversals in the month, so the totals must subtract.
    const june = await executeRows<{ id: string }>(db, sql`select s.id from settlements s join visits v on v.id = s.visit_id where to_char(v.visit_date, 'YYYY-MM') = ${MONTH} order by s.id limit 5`);
    for (const s of june) await reverseSettlement(db, clerk, { settlementId: s.id, reason: "测试冲销" });
  }, 240_000);
  afterAll(async () => handle?.close());

  test("the month totals equal the ledger's rows summed independently, per month, township and category", async () => {
    const { db } = handle;
    const fromLedger = await executeRows<Record<string, string>>(
      db,
      sql`select s.region_code, to_char(v.visit_date, 'YYYY-MM') as month, p.township_code, s.resolved_category::text as category,
                 sum(case when s.entry_type = 'settlement' then 1 else -1 end)::text as visits, sum(s.total_cost)::text as total, sum(s.medical_assistance)::text as assistance,
                 sum(s.out_of_pocket)::text as oop, sum(case when s.entry_type = 'settlement' then v.out_of_catalog_cost else -v.out_of_catalog_cost end)::text as ooc
          from settlements s join visits v on v.id = s.visit_id join persons p on p.id = s.person_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    const table = await executeRows<Record<string, string>>(
      db,
      sql`select region_code, month, township_code, category::text as category, visits::text as visits, total_cost::text as total, medical_assistance::text as assistance,
                 out_of_pocket::text as oop, out_of_catalog_cost::text as ooc
          from settlement_month_totals where visits <> 0 or total_cost <> 0 order by 1, 2, 3, 4`,
    );
    expect(table.length).toBeGreaterThan(20);
    expect(table).toEqual(fromLedger.filter((r) => r.visits !== "0" || r.total !== "0.00"));
  });

  test("every figure of the report equals an independent computation from the raw rows, to the fen", async () => {
    const { db } = handle;
    const report = await getDispatchReport(db, clerk, { regionCode: "500243", month: MONTH });
    // Ledger rows of the month, summed in JavaScript with decimal.js.
    const rows = await executeRows<Record<string, string>>(
      db,
      sql`select s.entry_type, s.resolved_category::text as category, s.total_cost::text, s.policy_range_cost::text, s.basic_insurance::text, s.critical_illness_insurance::text,
                 s.supplementary_insurance::text, s.medical_assistance::text, s.tilted_assistance::text, s.out_of_pocket::text, v.out_of_catalog_cost::text
          from settlements s join visits v on v.id = s.visit_id where to_char(v.visit_date, 'YYYY-MM') = ${MONTH}`,
    );
    const sum = (pick: (r: Record<string, string>) => string, filter: (r: Record<string, string>) => boolean = () => true) =>
      rows.filter(filter).reduce((acc, r) => acc.plus(pick(r)), new Decimal(0)).toFixed(2);
    const signed = (r: Record<string, string>) => (r.entry_type === "settlement" ? 1 : -1);
    expect(report.visits.visits).toBe(rows.reduce((n, r) => n + signed(r), 0));
    expect(report.visits.totalCost).toBe(sum((r) => r.total_cost!));
    expect(report.visits.basicInsurance).toBe(sum((r) => r.basic_insurance!));
    expect(report.visits.criticalIllnessInsurance).toBe(sum((r) => r.critical_illness_insurance!));
    expect(report.visits.medicalAssistance).toBe(sum((r) => r.medical_assistance!));
    expect(report.visits.tiltedAssistance).toBe(sum((r) => r.tilted_assistance!));
    expect(report.visits.outOfPocket).toBe(sum((r) => r.out_of_pocket!));
    expect(report.visits.outOfCatalogCost).toBe(sum((r) => new Decimal(r.out_of_catalog_cost!).times(signed(r)).toFixed(2)));
    expect(report.outOfCatalogShare).toBe(new Decimal(report.visits.outOfCatalogCost).div(report.visits.totalCost).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4));
    for (const c of report.byCategory) {
      const of = (r: Record<string, string>) => r.category === c.category;
      const base = new Decimal(sum((r) => r.policy_range_cost!, of)).minus(sum((r) => r.basic_insurance!, of)).minus(sum((r) => r.critical_illness_insurance!, of)).minus(sum((r) => r.supplementary_insurance!, of));
      const assistance = new Decimal(sum((r) => r.medical_assistance!, of)).plus(sum((r) => r.tilted_assistance!, of));
      expect([c.category, c.selfPayAfterInsurance, c.assistance]).toEqual([c.category, base.toFixed(2), assistance.toFixed(2)]);
      if (["TEKUN", "DIBAO", "FANPIN"].includes(c.category)) expect(c.target).toBe("0.70");
    }
    expect(report.byCategory.map((c) => c.category)).toContain("DIBAO");

    // The registry on 30 June, resolved in JavaScript by the county's priority (P-ID-I1).
    const identities = await executeRows<{ person_id: string; category: string; valid_from: string; valid_to: string | null }>(
      db,
      sql`select person_id, category::text, valid_from::text, valid_to::text from identities`,
    );
    const priority = categoryPriorityFor("500243", "2025-06-30");
    const best = new Map<string, string>();
    for (const i of identities) {
      if (i.valid_from > "2025-06-30" || (i.valid_to !== null && i.valid_to <= "2025-06-30")) continue;
      const rank = priority.indexOf(i.category as never);
      if (rank < 0 || i.category === "NONE") continue;
      const current = best.get(i.person_id);
      if (!current || rank < priority.indexOf(current as never)) best.set(i.person_id, i.category);
    }
    const counts = new Map<string, number>();
    for (const c of best.values()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(Object.fromEntries(report.persons.byCategory.map((p) => [p.category, p.count]))).toEqual(Object.fromEntries(counts));
    // Everyone is enrolled from 1 January (the roster and the self-paying residents): 100%, target met.
    expect(report.enrolment).toMatchObject({ registered: best.size, enrolled: best.size, rate: "1.0000", target: "1.00", met: true });
    const [subsidy] = await executeRows<{ amount: string }>(db, sql`select sum(subsidy)::text as amount from enrolments where roster_id is null and year = ${YEAR}`);
    expect(report.subsidy.amount).toBe(new Decimal(subsidy!.amount).toFixed(2)); // the roster is unpaid: only the self-paid (0) enrolments count
    const [alerts] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from alerts where to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${MONTH}`);
    expect(report.alerts.opened).toBe(alerts!.n);
  });

  test("a supervisor of another county is refused; a city supervisor may read it", async () => {
    const { db } = handle;
    const elsewhere: SessionUser = { ...clerk, role: "supervisor", regionScope: "500242", departmentCode: null };
    await expect(getDispatchReport(db, elsewhere, { regionCode: "500243", month: MONTH })).rejects.toMatchObject({ status: 404 });
    const city: SessionUser = { ...clerk, role: "supervisor", regionScope: "50", departmentCode: null };
    await expect(getDispatchReport(db, city, { regionCode: "500243", month: MONTH })).resolves.toMatchObject({ regionName: expect.stringContaining("彭水") });
    const department = await sessionUser(db, "minzheng");
    await expect(getDispatchReport(db, department, { regionCode: "500243", month: MONTH })).rejects.toMatchObject({ status: 403 });
  });
});
