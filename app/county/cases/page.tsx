import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { APPLICATION_STATES, listApplications, SOURCE_LABELS, STATE_LABELS } from "@/lib/cases";
import { Card, PageTitle } from "@/components/ui";
import { CaseList } from "@/components/cases/case-list";
import { searchCasesAction } from "./actions";

export const metadata: Metadata = { title: "依申请救助" };

/** W6: the county's cases with filters, ages and overdue reminders (P-APP-3). */
export default async function CasesPage() {
  await connection();
  const user = await requirePageUser({ permission: "case.handle" }, "/county/cases");
  const { rows, targetDays } = await listApplications(await getDb(), user, {});
  const initial = { targetDays, rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), stateChangedAt: r.stateChangedAt.toISOString() })) };
  return (
    <>
      <PageTitle subtitle="群众网上申请、窗口申请和预警主动发起的医疗救助申请：受理、审核、提出方案、审批、发放。">依申请救助</PageTitle>
      <p className="mb-4">
        <Link href="/county/cases/new" className="font-medium">
          + 窗口登记申请
        </Link>
      </p>
      <Card>
        <CaseList
          action={searchCasesAction}
          initial={initial}
          states={APPLICATION_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          sources={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Card>
    </>
  );
}
