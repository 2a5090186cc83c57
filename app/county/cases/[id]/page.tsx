import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { hasPermission } from "@/lib/auth/permissions";
import { getApplication, SOURCE_LABELS, STATE_LABELS, targetDaysFor } from "@/lib/cases";
import { ruleHref } from "@/lib/estimate/rule-link";
import { formatDate, formatDateTime } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { shanghaiDate } from "@/lib/registry/deadline";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { Badge, Card, Notice, PageTitle } from "@/components/ui";
import { StepsList } from "@/components/estimate/steps-list";
import { formatRatio } from "@/components/policy/format-value";
import { CaseActionForm } from "@/components/cases/case-action-form";
import { RevealContact } from "@/components/cases/reveal-contact";
import { StateBadge } from "@/components/cases/state-badge";
import {
  acceptCaseAction,
  approveCaseAction,
  payCaseAction,
  proposeCaseAction,
  refuseCaseAction,
  rejectCaseAction,
  resumeCaseAction,
  returnCaseAction,
  revealApplicantAction,
  startReviewAction,
} from "../actions";

export const metadata: Metadata = { title: "救助申请" };

const DAY = 86_400_000;
const days = (from: Date, today: string) => Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${shanghaiDate(from)}T00:00:00Z`)) / DAY));

/** W6: one case — applicant (masked), bills, the engine's proposal with its steps, the timeline, and the actions allowed now. */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "case.handle" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const { application: a, proposal, proposalStored, proposalError, events, proposedByName, decidedByName } = await requireRecord(getApplication(await getDb(), user, id));
  const today = shanghaiDate(new Date());
  const targetDays = targetDaysFor(a.regionCode, today);
  const age = days(a.createdAt, today);
  const open = ["SUBMITTED", "ACCEPTED", "UNDER_REVIEW", "RETURNED", "PROPOSED"].includes(a.state);
  const canDecide = hasPermission(user.role, "case.decide");
  const ownProposal = a.proposedBy === user.id;

  return (
    <div className="space-y-5">
      <p>
        <Link href="/county/cases">← 依申请救助</Link>
      </p>
      <PageTitle subtitle={`${SOURCE_LABELS[a.source]} · 提交于 ${formatDateTime(a.createdAt)} · 已 ${age} 天，本状态 ${days(a.stateChangedAt, today)} 天`}>
        救助申请 <span className="font-mono">{a.number}</span> <StateBadge state={a.state} />{" "}
        {open && age > targetDays ? <Badge tone="red">超过{targetDays}天未决定</Badge> : null}
      </PageTitle>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="申请人">
          <dl className="grid grid-cols-[7rem_1fr] gap-y-1.5">
            <dt className="text-slate-500">姓名</dt>
            <dd data-testid="applicant-name">{a.applicantName}</dd>
            <dt className="text-slate-500">家庭人口</dt>
            <dd>{a.householdSize} 人</dd>
            <dt className="text-slate-500">家庭年收入</dt>
            <dd className="font-mono">{formatYuan(a.householdAnnualIncome)}</dd>
            <dt className="text-slate-500">收入情况</dt>
            <dd className="whitespace-pre-wrap">{a.incomeStatement}</dd>
            <dt className="text-slate-500">登记人员</dt>
            <dd>{a.personId ? <Link href={`/county/persons/${a.personId}`}>查看本县登记信息</Link> : <span className="text-slate-500">本县名单中没有此身份证号</span>}</dd>
          </dl>
          <RevealContact action={revealApplicantAction} applicationId={a.id} maskedId={a.maskedIdNumber} maskedPhone={a.phone} />
        </Card>
        <Card title="申请理由">
          <p className="whitespace-pre-wrap">{a.reason}</p>
        </Card>
      </div>

      <Card title="医疗费用票据（已经医保结算）" className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left" data-testid="case-bills">
          <thead className="text-sm text-slate-500">
            <tr>
              <th className="py-1">医院</th>
              <th>就诊日期</th>
              <th className="text-right">医疗总费用</th>
              <th className="text-right">医保已支付</th>
              <th className="text-right">政策范围内个人自付</th>
            </tr>
          </thead>
          <tbody>
            {a.bills.map((b, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="py-1.5">{b.hospitalName}</td>
                <td>{formatDate(b.visitDate)}</td>
                <td className="text-right font-mono">{formatYuan(b.totalCost)}</td>
                <td className="text-right font-mono">{formatYuan(b.insurancePaid)}</td>
                <td className="text-right font-mono">{formatYuan(b.selfPay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={proposalStored ? "系统测算（随救助方案保存）" : "系统测算（提出方案时按当时数据保存）"}>
        {proposalError ? <Notice tone="error">{proposalError}</Notice> : null}
        {proposal ? (
          <div className="space-y-3" data-testid="engine-proposal">
            <p className="text-xl">
              系统测算救助金额：<strong className="font-mono" data-testid="engine-amount">{formatYuan(proposal.amount)}</strong>
            </p>
            <p className="text-slate-600">
              按{proposal.policy.document}，以“{CATEGORY_LABELS[proposal.resolvedCategory]}”计算（申请提交日 {formatDate(proposal.date)} 的身份）；计算基数 {formatYuan(proposal.base)}
              {proposal.ratio ? `，救助比例 ${formatRatio(proposal.ratio)}` : ""}。
            </p>
            {proposal.warnings.some((w) => w.code === "EXAMPLE_PARAMETER") ? (
              <p className="text-sm text-amber-900">本次测算用到“示例值，非文件规定”的参数，请以本县实际标准为准。</p>
            ) : null}
            <StepsList steps={proposal.steps} ruleHref={(rule) => ruleHref(proposal.policy.code, rule)} />
          </div>
        ) : null}
        {a.proposedAmount ? (
          <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-y-1.5 border-t border-slate-100 pt-3" data-testid="case-proposal">
            <dt className="text-slate-500">拟救助金额</dt>
            <dd className="font-mono font-semibold">{formatYuan(a.proposedAmount)}</dd>
            <dt className="text-slate-500">提出人</dt>
            <dd>{proposedByName ?? "—"}</dd>
            {a.adjustmentReason ? (
              <>
                <dt className="text-slate-500">调整理由</dt>
                <dd>{a.adjustmentReason}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </Card>

      {a.decision || a.paymentReference || a.missingDocuments ? (
        <Card title="办理结果">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5" data-testid="case-outcome">
            {a.missingDocuments ? (
              <>
                <dt className="text-slate-500">待补充材料</dt>
                <dd>{a.missingDocuments.join("；")}</dd>
              </>
            ) : null}
            {a.decision ? (
              <>
                <dt className="text-slate-500">决定（申请人可见）</dt>
                <dd>{a.decision}</dd>
                <dt className="text-slate-500">决定人</dt>
                <dd>{decidedByName ?? "—"}</dd>
              </>
            ) : null}
            {a.paymentReference ? (
              <>
                <dt className="text-slate-500">发放凭证号</dt>
                <dd className="font-mono">{a.paymentReference}</dd>
              </>
            ) : null}
          </dl>
        </Card>
      ) : null}

      <Card title="办理">
        <div className="grid gap-6 md:grid-cols-2" data-testid="case-actions">
          {a.state === "SUBMITTED" ? (
            <>
              <CaseActionForm action={acceptCaseAction} applicationId={a.id} label="受理" testId="accept" />
              <CaseActionForm action={refuseCaseAction} applicationId={a.id} label="不予受理" variant="danger" testId="refuse" fields={[{ name: "reason", label: "不予受理的理由（申请人可见）", kind: "textarea" }]} />
            </>
          ) : null}
          {a.state === "ACCEPTED" ? <CaseActionForm action={startReviewAction} applicationId={a.id} label="开始审核" testId="start-review" /> : null}
          {a.state === "UNDER_REVIEW" ? (
            <>
              <CaseActionForm
                action={proposeCaseAction}
                applicationId={a.id}
                label="提出救助方案"
                testId="propose"
                fields={[
                  { name: "amount", label: "拟救助金额（元）", kind: "money", defaultValue: proposal?.amount, hint: "与系统测算金额不同时须填写调整理由" },
                  { name: "reason", label: "调整理由（内部）", kind: "textarea" },
                ]}
              />
              <CaseActionForm
                action={returnCaseAction}
                applicationId={a.id}
                label="退回补正"
                variant="secondary"
                testId="return"
                fields={[
                  { name: "missingDocuments", label: "需要补充的材料（每行一项，申请人可见）", kind: "textarea" },
                  { name: "note", label: "说明（内部）", kind: "text" },
                ]}
              />
            </>
          ) : null}
          {a.state === "RETURNED" ? (
            <CaseActionForm action={resumeCaseAction} applicationId={a.id} label="材料已补齐，恢复审核" testId="resume" fields={[{ name: "note", label: "说明（内部）", kind: "text" }]} />
          ) : null}
          {a.state === "PROPOSED" && canDecide && !ownProposal ? (
            <>
              <CaseActionForm
                action={approveCaseAction}
                applicationId={a.id}
                label="批准"
                testId="approve"
                fields={[{ name: "decision", label: "审批意见（申请人可见）", kind: "textarea", defaultValue: `经审核，同意给予医疗救助${formatYuan(a.proposedAmount ?? "0")}。` }]}
              />
              <CaseActionForm action={rejectCaseAction} applicationId={a.id} label="驳回" variant="danger" testId="reject" fields={[{ name: "reason", label: "驳回理由（申请人可见）", kind: "textarea" }]} />
            </>
          ) : null}
          {a.state === "PROPOSED" && canDecide && ownProposal ? (
            <Notice tone="info" testId="own-proposal">本方案由您提出，须由其他负责人审批（四眼原则）。</Notice>
          ) : null}
          {a.state === "PROPOSED" && !canDecide ? <Notice tone="info">等待县医保局负责人审批。</Notice> : null}
          {a.state === "APPROVED" ? (
            <CaseActionForm action={payCaseAction} applicationId={a.id} label="登记发放" testId="pay" fields={[{ name: "paymentReference", label: "发放凭证号", kind: "text" }]} />
          ) : null}
          {["REFUSED", "REJECTED", "PAID"].includes(a.state) ? <p className="text-slate-600">本申请已办结（{STATE_LABELS[a.state]}）。</p> : null}
        </div>
      </Card>

      <Card title="办理记录">
        <ol className="space-y-3" data-testid="case-timeline">
          {events.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-200 pl-3">
              <p>
                <span className="text-slate-600">{formatDateTime(e.createdAt)}</span> · <strong>{e.actorName}</strong> ·{" "}
                {e.fromState ? `${STATE_LABELS[e.fromState]} → ` : ""}
                {STATE_LABELS[e.toState]}
              </p>
              {e.reason ? <p className="text-slate-800">理由／说明：{e.reason}</p> : null}
              {Array.isArray((e.details as { missingDocuments?: unknown } | null)?.missingDocuments) ? (
                <p className="text-slate-800">待补材料：{((e.details as { missingDocuments: string[] }).missingDocuments).join("；")}</p>
              ) : null}
              {(e.details as { paymentReference?: string } | null)?.paymentReference ? <p className="text-slate-800">发放凭证号：{(e.details as { paymentReference: string }).paymentReference}</p> : null}
              {(e.details as { engineAmount?: string } | null)?.engineAmount ? (
                <p className="text-slate-800">
                  系统测算 {formatYuan((e.details as { engineAmount: string }).engineAmount)}，拟救助 {formatYuan((e.details as { proposedAmount: string }).proposedAmount)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
