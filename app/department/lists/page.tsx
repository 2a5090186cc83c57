import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { listSubmissionsFor } from "@/lib/registry/get-submission";
import { SUBMISSION_STATUS_LABELS } from "@/lib/registry/labels";
import { monthLabel, monthOf, recentMonths } from "@/lib/registry/months";
import { submissionDeadline } from "@/lib/registry/deadline";
import { formatDate, formatDateTime } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { ListUploadForm } from "@/components/registry/list-upload-form";

export const metadata: Metadata = { title: "月度名单报送" };

export default async function DepartmentListsPage() {
  await connection();
  const user = await requirePageUser({ permission: "registry.submit" });
  const current = monthOf(new Date());
  const submissions = await listSubmissionsFor(await getDb(), user);

  return (
    <>
      <PageTitle subtitle={`本月名单请于 ${formatDate(submissionDeadline(current))} 前报送（每月5日，遇周末顺延）。`}>月度名单报送</PageTitle>
      <Card title="上传名单" className="mb-6">
        <p className="mb-3 text-slate-600">
          列：公民身份号码、姓名、类别、变动类型（新增/减少/在册）、认定日期、乡镇（街道），可选联系电话。可下载模板：
          <a href="/api/v1/registry/template?format=xlsx" className="ml-1">Excel 模板</a>
          <a href="/api/v1/registry/template?format=csv" className="ml-3">CSV 模板</a>
        </p>
        <ListUploadForm months={recentMonths(current, 6)} defaultMonth={current} />
      </Card>
      <Card title="本部门报送记录" className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm" data-testid="submissions-table">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">月份</th>
              <th>文件</th>
              <th>行数</th>
              <th>状态</th>
              <th>上传时间</th>
            </tr>
          </thead>
          <tbody>
            {submissions.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-1.5">{monthLabel(s.month)}</td>
                <td>
                  <Link href={`/department/lists/${s.id}`}>{s.fileName}</Link>
                </td>
                <td>{s.rowCount - s.droppedCount}</td>
                <td>
                  <Badge tone={s.status === "confirmed" ? "green" : s.status === "draft" ? "amber" : "slate"}>{SUBMISSION_STATUS_LABELS[s.status]}</Badge>
                </td>
                <td>{formatDateTime(s.uploadedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {submissions.length === 0 ? <p className="text-slate-500">还没有报送记录。</p> : null}
      </Card>
    </>
  );
}
