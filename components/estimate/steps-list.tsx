import Link from "next/link";
import type { Step } from "@/lib/settlement";
import { TIER_LABELS } from "@/lib/settlement";
import { ProvenanceBadge } from "@/components/policy/provenance-badge";

/** The explanation: every step with its rule (linked to the policy page), formula and plain words. */
export function StepsList({ steps, ruleHref }: { steps: Step[]; ruleHref: (ruleId: string) => string }) {
  return (
    <ol className="space-y-3" data-testid="steps">
      {steps.map((step, i) => (
        <li key={`${step.tier}-${i}`} className="rounded-lg border border-slate-200 bg-white p-4" data-tier={step.tier} data-rule={step.ruleId}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">
              {i + 1}. {TIER_LABELS[step.tier]}
            </span>
            <Link href={ruleHref(step.ruleId)} className="font-mono text-sm">
              {step.ruleId}
            </Link>
            <ProvenanceBadge provenance={step.provenance} />
          </div>
          <p className="mt-2 text-slate-900">{step.explanation}</p>
          <p className="mt-1 overflow-x-auto whitespace-nowrap font-mono text-sm text-slate-500">{step.formula}</p>
        </li>
      ))}
    </ol>
  );
}
