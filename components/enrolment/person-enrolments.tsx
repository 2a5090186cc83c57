import { getDb } from "@/db";
import { enrolPersonAction } from "@/app/county/subsidy/actions";
import type { SessionUser } from "@/lib/auth/types";
import { listPersonEnrolments } from "@/lib/enrolment";
import { coverageExplanation } from "@/lib/enrolment/subsidy";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { CATEGORY_LABELS, INSURANCE_TIER_LABELS } from "@/lib/settlement/labels";
import type { InsuranceTier } from "@/lib/policy/types";
import { Badge, Card } from "@/components/ui";
import { EnrolPersonForm } from "./enrol-person-form";

/** W4 on the person page: the enrolments per year and the form to enrol the person for a year. */
export async function PersonEnrolments({ user, personId, regionCode, today }: { user: SessionUser; personId: string; regionCode: string; today: string }) {
  const enrolments = await listPersonEnrolments(await getDb(), user, personId);
  const year = Number(today.slice(0, 4));
  const enrolled = new Set(enrolments.map((e) => e.year));
  const years = [year + 1, year, year - 1].filter((y) => !enrolled.has(y));
  const defaultYear = years.includes(year) ? year : (years[0] ?? year);
  return (
    <Card title="参保登记与资助参保" className="mt-5 overflow-x-auto">
      {enrolments.length === 0 ? <p className="text-slate-500">还没有参保登记。</p> : null}
      {enrolments.length ? (
        <table className="w-full min-w-[760px] text-left text-sm" data-testid="person-enrolments">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">年度</th>
              <th>档次</th>
              <th>资助类别</th>
              <th className="text-right">个人缴费</th>
              <th className="text-right">资助金额</th>
              <th className="text-right">本人缴纳</th>
              <th className="pl-4">缴费日期</th>
              <th>待遇起始</th>
              <th>来源</th>
            </tr>
          </thead>
          <tbody>
            {enrolments.map((e) => (
              <tr key={e.id} className="border-t border-slate-100" data-year={e.year}>
                <td className="py-1.5">{e.year}年</td>
                <td>{INSURANCE_TIER_LABELS[e.insuranceTier as InsuranceTier]}</td>
                <td>{CATEGORY_LABELS[e.resolvedCategory]}</td>
                <td className="text-right font-mono">{formatYuan(e.individualContribution)}</td>
                <td className="text-right font-mono">{formatYuan(e.subsidy)}</td>
                <td className="text-right font-mono">{formatYuan(e.personPays)}</td>
                <td className="pl-4">{formatDate(e.paidOn)}</td>
                <td>{formatDate(e.coverageFrom)}</td>
                <td>{e.onRoster ? <Badge tone="blue">资助名单</Badge> : e.late ? <Badge tone="amber">补缴/新增</Badge> : <Badge>单独登记</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {years.length ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="mb-2 font-semibold">登记参保（补缴、新增或名单外人员）</h3>
          <ul className="mb-3 list-disc pl-5 text-sm text-slate-600">
            <li>按缴费当日在册的救助类别计算资助（就高不重复）；每人每年只能登记一次，已缴费用不予退还，身份变化后的资助从下一年度起享受。</li>
            {coverageExplanation(regionCode, year).map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <EnrolPersonForm action={enrolPersonAction} personId={personId} years={years} defaultYear={defaultYear} today={today} />
        </div>
      ) : null}
    </Card>
  );
}
