import type { Metadata } from "next";
import Link from "next/link";
import { listPolicySets } from "@/lib/policy";
import { CATEGORY_LABELS, INSURANCE_TIER_LABELS } from "@/lib/settlement";
import { parseEstimateQuery, toQueryString, type QueryInput } from "@/lib/estimate/estimate-query";
import { policySetOfForm, runEstimate, runSubsidyEstimate } from "@/lib/estimate/run-estimate";
import { ruleHref } from "@/lib/estimate/rule-link";
import { formatYuan } from "@/lib/money";
import { shanghaiDate } from "@/lib/registry/deadline";
import { Card, Notice, PageTitle } from "@/components/ui";
import { EstimateForm } from "@/components/estimate/estimate-form";
import { StackedBar } from "@/components/estimate/stacked-bar";
import { AmountsTable } from "@/components/estimate/amounts-table";
import { StepsList } from "@/components/estimate/steps-list";

export const metadata: Metadata = { title: "费用估算" };

const REGIONS = [
  { value: "500243", label: "重庆市彭水苗族土家族自治县" },
  { value: "500242", label: "重庆市酉阳土家族苗族自治县" },
  { value: "500101", label: "重庆市万州区" },
  { value: "330300", label: "浙江省温州市" },
  { value: "220000", label: "吉林省" },
];

function Warnings({ warnings }: { warnings: { code: string; message: string; key?: string }[] }) {
  const examples = warnings.filter((w) => w.code === "EXAMPLE_PARAMETER");
  const others = warnings.filter((w) => w.code !== "EXAMPLE_PARAMETER");
  return (
    <>
      {examples.length ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="example-warning">
          本次计算用到 {examples.length} 项“示例值，非文件规定”的参数（如起付线、报销比例），实际以当地医保部门公布的标准为准。
        </p>
      ) : null}
      {others.map((w) => (
        <Notice key={w.message} tone="info">
          {w.message}
        </Notice>
      ))}
    </>
  );
}

export default async function EstimatePage({ searchParams }: { searchParams: Promise<QueryInput> }) {
  const query = await searchParams;
  const tab = query.tab === "subsidy" ? "subsidy" : "visit";
  const form = parseEstimateQuery(query, shanghaiDate(new Date()));
  const policies = listPolicySets().map((s) => ({ value: s.code, label: `${s.title}（${s.document}）` }));
  let categories = listPolicySets().find((s) => s.code === "pengshui-2023")!.categoryPriority.filter((c) => c !== "NONE");
  try {
    categories = policySetOfForm(form).categoryPriority.filter((c) => c !== "NONE");
  } catch {
    /* an unknown policy or region is reported by the engine below */
  }

  const outcome = tab === "visit" ? runEstimate(form) : null;
  const subsidy = tab === "subsidy" ? runSubsidyEstimate(form) : null;
  const error = outcome?.kind === "error" ? outcome.error : subsidy?.kind === "error" ? subsidy.error : null;
  const errors: Record<string, string> = error?.field ? { [error.field]: error.message } : {};
  const shareUrl = `/estimate?${toQueryString(form, tab === "subsidy" ? { tab } : {})}`;

  return (
    <div className="space-y-6">
      <PageTitle subtitle="填写就诊情况，看基本医保、大病保险、医疗救助各付多少、自己付多少，以及每一步依据哪条政策。不需要登录，也不保存任何信息。">
        费用估算
      </PageTitle>
      <nav className="flex gap-2 border-b border-slate-200" aria-label="估算类型">
        <Link href={`/estimate?${toQueryString(form)}`} aria-current={tab === "visit" ? "page" : undefined} className={`rounded-t-md px-4 py-2 ${tab === "visit" ? "border border-b-white border-slate-200 bg-white font-semibold" : ""}`}>
          看病费用
        </Link>
        <Link href={`/estimate?${toQueryString(form, { tab: "subsidy" })}`} aria-current={tab === "subsidy" ? "page" : undefined} className={`rounded-t-md px-4 py-2 ${tab === "subsidy" ? "border border-b-white border-slate-200 bg-white font-semibold" : ""}`}>
          参保资助
        </Link>
      </nav>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <Card className="min-w-0">
          <EstimateForm form={form} tab={tab} policies={policies} regions={REGIONS} categories={categories} errors={errors} />
        </Card>

        <div className="min-w-0 space-y-5" data-testid="estimate-result">
          {error && !error.field ? <Notice tone="error" testId="estimate-error">{error.message}</Notice> : null}
          {error?.field ? <Notice tone="error" testId="estimate-error">请检查标红的项目：{error.message}</Notice> : null}

          {outcome?.kind === "empty" ? (
            <Card title="怎么用">
              <p>填写医疗总费用等信息后点“计算个人自付”。不知道自己属于哪类救助对象、或不清楚是否按规定转诊时，选“不清楚”，页面会列出每种情况的结果。</p>
            </Card>
          ) : null}

          {outcome?.kind === "compare" ? (
            <Card title={outcome.question}>
              <table className="w-full text-left text-sm" data-testid="comparison">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1">情况</th>
                    <th className="text-right">各项保障合计</th>
                    <th className="text-right">个人自付</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.rows.map((row) => (
                    <tr key={row.label} className="border-t border-slate-100">
                      <td className="py-1.5">
                        <Link href={row.href}>{row.label}</Link>
                      </td>
                      <td className="text-right font-mono">
                        {formatYuan(row.covered)}
                      </td>
                      <td className="text-right font-mono font-semibold">{formatYuan(row.result.amounts.outOfPocket)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2 text-sm text-slate-600">点击某一行查看该情况的详细计算过程。</p>
            </Card>
          ) : null}

          {outcome?.kind === "result" ? (
            <>
              <Card title={`个人自付 ${formatYuan(outcome.result.amounts.outOfPocket)}`}>
                <p className="mb-3 text-slate-600">
                  按{outcome.result.policy.document}，以“{CATEGORY_LABELS[outcome.result.resolvedCategory]}”计算。
                </p>
                <StackedBar amounts={outcome.result.amounts} />
                <div className="mt-4">
                  <AmountsTable amounts={outcome.result.amounts} />
                </div>
                <p className="mt-3 text-sm">
                  <a href={shareUrl} data-testid="share-link">
                    分享此结果的链接
                  </a>
                  <span className="text-slate-500">（链接只含上面填写的就诊信息，不含姓名、身份证号）</span>
                </p>
              </Card>
              <Warnings warnings={outcome.result.warnings} />
              <section>
                <h2 className="mb-3 text-xl font-semibold">每一步怎么算</h2>
                <StepsList steps={outcome.result.steps} ruleHref={(id) => ruleHref(outcome.result.policy.code, id)} />
              </section>
            </>
          ) : null}

          {subsidy?.kind === "compare" ? (
            <Card title="尚未认定救助身份：各类人员的参保资助">
              <table className="w-full text-left text-sm" data-testid="subsidy-comparison">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1">身份</th>
                    <th className="text-right">资助</th>
                    <th className="text-right">个人缴费</th>
                  </tr>
                </thead>
                <tbody>
                  {subsidy.rows.map((row) => (
                    <tr key={row.label} className="border-t border-slate-100">
                      <td className="py-1.5">{row.label}</td>
                      <td className="text-right font-mono">{formatYuan(row.result.subsidy)}</td>
                      <td className="text-right font-mono font-semibold">{formatYuan(row.result.personPays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          ) : null}

          {subsidy?.kind === "result" ? (
            <>
              <Card title={`个人缴费 ${formatYuan(subsidy.result.personPays)}`}>
                <table className="w-full text-left" data-testid="subsidy-amounts">
                  <tbody>
                    <tr className="border-t border-slate-100">
                      <th scope="row" className="py-1.5 font-normal">
                        {INSURANCE_TIER_LABELS[subsidy.result.insuranceTier]}个人缴费标准
                      </th>
                      <td className="text-right font-mono">{formatYuan(subsidy.result.individualContribution)}</td>
                    </tr>
                    <tr className="border-t border-slate-100">
                      <th scope="row" className="py-1.5 font-normal">
                        资助（{CATEGORY_LABELS[subsidy.result.resolvedCategory]}）
                      </th>
                      <td className="text-right font-mono">{formatYuan(subsidy.result.subsidy)}</td>
                    </tr>
                    <tr className="border-t border-slate-100 text-lg font-bold">
                      <th scope="row" className="py-1.5">个人缴费</th>
                      <td className="text-right font-mono">{formatYuan(subsidy.result.personPays)}</td>
                    </tr>
                  </tbody>
                </table>
              </Card>
              <Warnings warnings={subsidy.result.warnings} />
              <StepsList steps={subsidy.result.steps} ruleHref={(id) => ruleHref(subsidy.result.policy.code, id)} />
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
