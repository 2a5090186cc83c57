import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getSettlement } from "@/lib/visits/get-settlement";
import { ruleHref } from "@/lib/estimate/rule-link";
import { CATEGORY_LABELS, HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, REFERRAL_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { formatDate, formatDateTime } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { AmountsTable } from "@/components/estimate/amounts-table";
import { StepsList } from "@/components/estimate/steps-list";
import { PrintButton } from "@/components/print-button";
import { ActionButton } from "@/components/action-button";
import { ReverseSettlementForm } from "@/components/visits/reverse-form";
import { replaySettlementAction, reverseSettlementAction } from "../actions";

export const metadata: Metadata = { title: "一单制结算单" };

export default async function SettlementPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "visit.settle" });
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const { settlement, result, visit, person, reversal } = await requireRecord(getSettlement(await getDb(), user, id));
  const isReversal = settlement.entryType === "reversal";
  const amounts = isReversal
    ? {
        ...result.amounts,
        totalCost: settlement.totalCost,
        policyRangeCost: settlement.policyRangeCost,
        basicInsurance: settlement.basicInsurance,
        criticalIllnessInsurance: settlement.criticalIllnessInsurance,
        supplementaryInsurance: settlement.supplementaryInsurance,
        medicalAssistance: settlement.medicalAssistance,
        tiltedAssistance: settlement.tiltedAssistance,
        outOfPocket: settlement.outOfPocket,
      }
    : result.amounts;

  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <Link href={`/county/persons/${settlement.personId}`}>← {person.name}</Link>
        <PrintButton />
      </div>
      <PageTitle subtitle={`${result.policy.document} · 结算时间 ${formatDateTime(settlement.createdAt)} · 决定凭证 ${settlement.receiptId.slice(0, 16)}`}>
        {isReversal ? "冲销单" : "医疗费用一站式结算单（一单制）"}{" "}
        {reversal ? <Badge tone="red">已冲销</Badge> : null}
      </PageTitle>

      <Card title="参保人">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="statement-person">
          <dt className="text-slate-500">姓名</dt>
          <dd>{person.name}</dd>
          <dt className="text-slate-500">公民身份号码</dt>
          <dd className="font-mono">{person.maskedIdNumber}</dd>
          <dt className="text-slate-500">乡镇（街道）</dt>
          <dd>{person.township}</dd>
          <dt className="text-slate-500">救助类别</dt>
          <dd>{CATEGORY_LABELS[settlement.resolvedCategory]}</dd>
        </dl>
      </Card>

      <Card title="就诊信息">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4">
          <dt className="text-slate-500">出院（就诊）日期</dt>
          <dd>{formatDate(String(visit.visitDate))}</dd>
          <dt className="text-slate-500">就诊类型</dt>
          <dd>
            {VISIT_KIND_LABELS[visit.kind]}
            {visit.specialDisease ? "（特殊疾病）" : ""}
          </dd>
          <dt className="text-slate-500">医院等级</dt>
          <dd>{HOSPITAL_LEVEL_LABELS[visit.hospitalLevel as 0 | 1 | 2 | 3]}</dd>
          <dt className="text-slate-500">就医地点</dt>
          <dd>{LOCATION_LABELS[visit.location]}</dd>
          <dt className="text-slate-500">转诊</dt>
          <dd>{REFERRAL_LABELS[visit.referral]}</dd>
          {visit.externalVisitNumber ? (
            <>
              <dt className="text-slate-500">医院结算单号</dt>
              <dd className="font-mono">{visit.externalVisitNumber}</dd>
            </>
          ) : null}
        </dl>
      </Card>

      <Card title="三重保障支付">
        <div data-testid="statement-amounts">
          <AmountsTable amounts={amounts} />
        </div>
      </Card>

      <section>
        <h2 className="mb-3 text-xl font-semibold">依据的政策规则</h2>
        <StepsList steps={result.steps} ruleHref={(rule) => ruleHref(result.policy.code, rule)} />
      </section>

      <Card title="经办" className="no-print">
        <div className="flex flex-wrap items-start gap-6">
          <ActionButton action={replaySettlementAction} fields={{ settlementId: settlement.id }} label="按原参数重算核对" variant="secondary" />
          {!isReversal && !reversal ? <ReverseSettlementForm action={reverseSettlementAction} settlementId={settlement.id} /> : null}
          {reversal ? (
            <p>
              已于 {formatDateTime(reversal.createdAt)} 冲销（{reversal.reason}）。<Link href={`/county/settlements/${reversal.id}`}>查看冲销单</Link>
            </p>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
