import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { chineseDate, describePolicySet, findPolicySet, listPolicySets, type ParameterEntry } from "@/lib/policy";
import { Card, PageTitle } from "@/components/ui";
import { ProvenanceBadge } from "@/components/policy/provenance-badge";
import { formatParameterValue } from "@/components/policy/format-value";

export function generateStaticParams() {
  return listPolicySets().map((s) => ({ code: s.code }));
}

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const set = findPolicySet((await params).code);
  return { title: set ? set.title : "政策不存在" };
}

const GROUPS: Array<{ prefix: string; title: string }> = [
  { prefix: "basic.", title: "基本医保" },
  { prefix: "critical.", title: "大病保险" },
  { prefix: "supplementary.", title: "补充医疗保险" },
  { prefix: "assistance.", title: "医疗救助" },
  { prefix: "tilted.", title: "倾斜救助" },
  { prefix: "subsidy.", title: "资助参保" },
  { prefix: "", title: "身份认定与其他" },
];

function period(entry: ParameterEntry) {
  return `${chineseDate(entry.effectiveFrom)}起${entry.effectiveTo ? `至${chineseDate(entry.effectiveTo)}` : ""}`;
}

export default async function PolicyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!findPolicySet(code)) notFound();
  const { set, rules, parameters, changes } = describePolicySet(code);
  const grouped = GROUPS.map((g, i) => ({
    ...g,
    rows: parameters.filter((p) => p.key.startsWith(g.prefix) && !GROUPS.slice(0, i).some((o) => o.prefix && p.key.startsWith(o.prefix))),
  })).filter((g) => g.rows.length > 0);
  const latestValue = new Map(parameters.map((p) => [p.key, p.versions.at(-1)]));

  return (
    <div className="space-y-8">
      <div>
        <p className="mb-2">
          <Link href="/policies">← 全部政策</Link>
        </p>
        <PageTitle subtitle={`${set.document} · ${set.regionName} · ${chineseDate(set.effectiveFrom)}施行${set.effectiveTo ? `，至${chineseDate(set.effectiveTo)}` : ""}`}>
          {set.title}
        </PageTitle>
        {set.parent ? (
          <p className="text-slate-700">
            本文件在 <Link href={`/policies/${set.parent}`}>{findPolicySet(set.parent)?.title ?? set.parent}</Link> 的基础上制定，未作规定的沿用上级文件。
          </p>
        ) : null}
        <p className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-amber-900">
          标有“示例值，非文件规定”的数字是文件交由各地确定、本平台暂用的示例，以当地医保部门公布的标准为准。
        </p>
      </div>

      {changes.against ? (
        <Card title={`与 ${findPolicySet(changes.against)?.title ?? changes.against} 相比的变化`}>
          {changes.parameters.length === 0 && changes.rulesAdded.length === 0 ? (
            <p>参数与规则均未变化。</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[560px] text-left text-sm" data-testid="policy-changes">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1">项目</th>
                    <th>原来</th>
                    <th>现在</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.parameters.map((c) => (
                    <tr key={c.key} className="border-t border-slate-100">
                      <td className="py-1">{c.label}</td>
                      <td className="text-slate-500">{formatParameterValue(c.key, c.before)}</td>
                      <td className="font-medium">{formatParameterValue(c.key, c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {changes.rulesAdded.length ? <p className="mt-2 text-sm text-slate-600">新增规则：{changes.rulesAdded.join("、")}</p> : null}
            </div>
          )}
        </Card>
      ) : null}

      <section>
        <h2 className="mb-3 text-xl font-semibold">规则逐条解读</h2>
        <div className="space-y-4">
          {rules.map((rule) => (
            <article key={rule.ruleId} id={rule.ruleId} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 target:border-brand-600 target:ring-2 target:ring-brand-100">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-sm text-slate-500">{rule.ruleId}</span>
                <ProvenanceBadge provenance={rule.provenance} />
                {rule.origin !== code ? <span className="text-sm text-slate-500">沿用 {rule.origin}</span> : null}
              </div>
              <p className="mt-2 text-slate-900">{rule.statement}</p>
              {rule.quote ? (
                <blockquote className="mt-2 border-l-4 border-brand-100 pl-3 text-slate-700">
                  “{rule.quote}”
                  <footer className="mt-1 text-sm text-slate-500">
                    —— {findPolicySet(rule.origin)?.document ?? set.document} {rule.clause}（原文 {rule.seed}）
                  </footer>
                </blockquote>
              ) : null}
              {rule.parameterKeys.length ? (
                <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                  {rule.parameterKeys.slice(0, 12).map((key) => {
                    const entry = latestValue.get(key);
                    return (
                      <li key={key}>
                        {parameters.find((p) => p.key === key)?.label ?? key}：<span className="font-medium text-slate-900">{formatParameterValue(key, entry?.value)}</span>
                        {entry?.exampleValue ? <span className="ml-1 text-amber-700">（{entry.exampleValue}）</span> : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </article>
          ))}
        </div>
      </section>

      <section>
        <h2 className="mb-3 text-xl font-semibold">参数表</h2>
        <div className="space-y-5">
          {grouped.map((group) => (
            <Card key={group.title} title={group.title} className="overflow-x-auto">
              <table className="w-full min-w-[640px] text-left text-sm" data-testid={`parameters-${group.title}`}>
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1">项目</th>
                    <th>数值</th>
                    <th>依据</th>
                    <th>有效期</th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.flatMap((row) =>
                    row.versions.map((entry, i) => (
                      <tr key={`${row.key}-${i}`} className="border-t border-slate-100 align-top" data-key={row.key}>
                        <td className="py-1.5 pr-2">
                          {i === 0 ? row.label : ""}
                          {i === 0 && row.status === "inherited" ? <span className="ml-1 text-xs text-slate-400">沿用 {row.origin}</span> : null}
                        </td>
                        <td className="pr-2 font-medium">{formatParameterValue(row.key, entry.value)}</td>
                        <td className="pr-2">
                          <ProvenanceBadge provenance={entry.provenance} />{" "}
                          <a href={`#${entry.ruleId}`} className="font-mono text-xs">
                            {entry.ruleId}
                          </a>
                        </td>
                        <td className="whitespace-nowrap text-slate-600">{period(entry)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
