import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getDispatchReport } from "@/lib/reports/dispatch-report";
import { dispatchLayout } from "@/lib/reports/dispatch-layout";
import { listAlertsOpenedInMonth } from "@/lib/reports/month-alerts";
import { monthOf, recentMonths } from "@/lib/registry/months";
import { DispatchReportView } from "@/components/reports/dispatch-report-view";

export const metadata: Metadata = { title: "调度报表" };

/** W8: the county's monthly dispatch report (调度报表), as the office sends it upward. */
export default async function CountyReportPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  await connection();
  await requirePageUser({ permission: "area.county" });
  const user = await requirePageUser({ permission: "report.read" });
  const months = recentMonths(monthOf(new Date()), 24);
  const requested = (await searchParams).month;
  const month = requested && months.includes(requested) ? requested : months[0]!;
  const regionCode = user.regionScope;
  const db = await getDb();
  const [report, alerts] = await requireRecord(Promise.all([getDispatchReport(db, user, { regionCode, month }), listAlertsOpenedInMonth(db, user, { regionCode, month })]));
  return (
    <DispatchReportView
      layout={dispatchLayout(report)}
      month={month}
      months={months}
      action="/county/reports"
      exportHref={`/api/v1/reports/dispatch?region=${regionCode}&month=${month}`}
      alerts={alerts}
      ledgerHref={(personId, year) => `/county/persons/${personId}/ledger?year=${year}`}
    />
  );
}
