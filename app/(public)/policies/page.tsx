import type { Metadata } from "next";
import Link from "next/link";
import { chineseDate, listPolicySets } from "@/lib/policy";
import { PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "政策解读" };

export default function PoliciesPage() {
  const sets = listPolicySets();
  return (
    <>
      <PageTitle subtitle="平台计算所依据的五份政策文件，按施行时间排列。点开每一份，可以看到每条规则的原文、出处和具体数值。">政策解读</PageTitle>
      <ol className="relative space-y-6 border-l-2 border-brand-100 pl-6" data-testid="policy-timeline">
        {sets.map((s) => (
          <li key={s.code} className="relative">
            <span className="absolute -left-[33px] top-1.5 h-4 w-4 rounded-full border-2 border-white bg-brand-600" aria-hidden />
            <p className="text-sm text-slate-500">
              {chineseDate(s.effectiveFrom)} — {s.effectiveTo ? chineseDate(s.effectiveTo) : "至今"} · {s.regionName}
            </p>
            <h2 className="mt-1 text-lg font-semibold">
              <Link href={`/policies/${s.code}`}>{s.title}</Link>
            </h2>
            <p className="text-slate-600">
              {s.document}
              {s.parent ? `（在 ${s.parent} 基础上细化）` : ""}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
