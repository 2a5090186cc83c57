import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { dashboardData, getDashboard } from "@/lib/reports/dashboard";
import { monthOf, recentMonths } from "@/lib/registry/months";
import { DashboardView } from "@/components/reports/dashboard-view";
import { PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "督导首页" };

/** W8: the supervisor's home: the dashboard of the scope (or one county of it) and the scope's counties. */
export default async function SupervisorHomePage({ searchParams }: { searchParams: Promise<{ month?: string; county?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "area.supervisor" });
  const query = await searchParams;
  const months = recentMonths(monthOf(new Date()), 24);
  const month = query.month && months.includes(query.month) ? query.month : months[0]!;
  const county = query.county || undefined;
  if (county !== undefined && !/^\d{6}$/.test(county)) notFound();
  const db = await getDb();
  const d = await requireRecord(getDashboard(db, user, { month, county }));

  return (
    <>
      <PageTitle subtitle="只读：调度报表、按月趋势、各制度和各类别支付、各区县对比。">督导首页 · {d.scopeName}</PageTitle>
      <DashboardView d={dashboardData(d)} months={months} county={county} />
    </>
  );
}
