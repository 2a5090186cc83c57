import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getDispatchReport } from "@/lib/reports/dispatch-report";
import { dispatchLayout } from "@/lib/reports/dispatch-layout";
import { listAlertsOpenedInMonth } from "@/lib/reports/month-alerts";
import { listCountiesInScope } from "@/lib/regions/get-region";
import { monthOf, recentMonths } from "@/lib/registry/months";
import { DispatchReportView } from "@/components/reports/dispatch-report-view";

export const metadata: Metadata = { title: "调度报表" };

/** W8: a county's monthly dispatch report, read by a supervisor of its scope (another county answers 404). */
export default async function SupervisorReportPage({ params, searchParams }: { params: Promise<{ regionCode: string }>; searchParams: Promise<{ month?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "area.supervisor" });
  const { regionCode } = await params;
  if (!/^\d{6}$/.test(regionCode)) notFound();
  const months = recentMonths(monthOf(new Date()), 24);
  const requested = (await searchParams).month;
  const month = requested && months.includes(requested) ? requested : months[0]!;
  const db = await getDb();
  // Only the counties of the scope are reported on: another county, or a city or township code, reads as missing.
  if (!(await listCountiesInScope(db, user.regionScope)).some((c) => c.code === regionCode)) notFound();
  const [report, alerts] = await requireRecord(Promise.all([getDispatchReport(db, user, { regionCode, month }), listAlertsOpenedInMonth(db, user, { regionCode, month })]));
  return (
    <DispatchReportView
      layout={dispatchLayout(report)}
      month={month}
      months={months}
      action={`/supervisor/reports/${regionCode}`}
      exportHref={`/api/v1/reports/dispatch?region=${regionCode}&month=${month}`}
      alerts={alerts}
      ledgerHref={(personId, year) => `/supervisor/persons/${personId}/ledger?year=${year}`}
      back={{ href: `/supervisor?county=${regionCode}&month=${month}`, label: "本县看板" }}
    />
  );
}
