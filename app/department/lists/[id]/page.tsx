import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getSubmission } from "@/lib/registry/get-submission";
import { PREVIEW_LABELS } from "@/lib/registry/plan-list-changes";
import { SUBMISSION_STATUS_LABELS } from "@/lib/registry/labels";
import { monthLabel } from "@/lib/registry/months";
import { DEPARTMENT_LABELS, formatDateTime } from "@/lib/labels";
import { Badge, Card, Notice, PageTitle } from "@/components/ui";
import { ActionButton } from "@/components/action-button";
import { SubmissionRows } from "@/components/registry/submission-rows";
import { confirmSubmissionAction, discardSubmissionAction } from "../actions";

export const metadata: Metadata = { title: "名单详情" };

export default async function SubmissionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ same?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "registry.submit" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const { submission, rows, preview } = await requireRecord(getSubmission(await getDb(), user, id));
  const same = (await searchParams).same === "1";

  return (
    <>
      <p className="mb-2">
        <Link href="/department/lists">← 报送记录</Link>
      </p>
      <PageTitle subtitle={`${DEPARTMENT_LABELS[submission.departmentCode]} · ${monthLabel(submission.month)} · 上传于 ${formatDateTime(submission.uploadedAt)}`}>
        {submission.fileName}
      </PageTitle>
      {same ? (
        <Notice tone="info" testId="same-content">
          这个文件与已上传的名单内容完全相同，没有重复保存。
        </Notice>
      ) : null}
      <Card className="my-5">
        <div className="flex flex-wrap items-center gap-4">
          <Badge tone={submission.status === "confirmed" ? "green" : submission.status === "draft" ? "amber" : "slate"}>
            <span data-testid="submission-status">{SUBMISSION_STATUS_LABELS[submission.status]}</span>
          </Badge>
          <span>共 {submission.rowCount} 行</span>
          {submission.droppedCount ? <span className="text-amber-800">已剔除错误行 {submission.droppedCount} 行</span> : null}
        </div>
        {preview ? (
          <>
            <ul className="mt-4 flex flex-wrap gap-3" data-testid="preview-counts">
              {(Object.keys(preview.counts) as Array<keyof typeof preview.counts>).map((k) => (
                <li key={k} className="rounded-md bg-slate-100 px-3 py-2">
                  {PREVIEW_LABELS[k]} <strong data-preview={k}>{preview.counts[k]}</strong>
                </li>
              ))}
            </ul>
            <div className="mt-4 flex flex-wrap gap-3">
              <ActionButton action={confirmSubmissionAction} fields={{ submissionId: submission.id }} label="确认报送" testId="confirm-submission" />
              <ActionButton action={discardSubmissionAction} fields={{ submissionId: submission.id }} label="作废此文件" variant="secondary" />
            </div>
          </>
        ) : null}
      </Card>
      <SubmissionRows rows={rows} preview={preview?.lines ?? null} />
    </>
  );
}
