import Decimal from "decimal.js";
import type { Amounts } from "@/lib/settlement";
import { formatYuan } from "@/lib/money";

/** Who pays each part of the bill, as one bar (quality.md: pictures where people would rather look). */
export const SEGMENTS: Array<{ key: keyof Amounts | "policySelfPay" | "outsidePolicy"; label: string; color: string }> = [
  { key: "basicInsurance", label: "基本医保", color: "#1d5fb8" },
  { key: "criticalIllnessInsurance", label: "大病保险", color: "#0e9f6e" },
  { key: "supplementaryInsurance", label: "补充医疗保险", color: "#7e3af2" },
  { key: "medicalAssistance", label: "医疗救助", color: "#d97706" },
  { key: "tiltedAssistance", label: "倾斜救助", color: "#e3a008" },
  { key: "policySelfPay", label: "个人自付（政策范围内）", color: "#e02424" },
  { key: "outsidePolicy", label: "个人自付（目录外及先行自付）", color: "#9b1c1c" },
];

/** The bar's parts: the engine's amounts, with out-of-pocket split into its two sources. */
export function barParts(amounts: Amounts) {
  const outsidePolicy = new Decimal(amounts.outOfCatalogCost).plus(amounts.selfPayFirstCost);
  const values: Record<string, Decimal> = {
    basicInsurance: new Decimal(amounts.basicInsurance),
    criticalIllnessInsurance: new Decimal(amounts.criticalIllnessInsurance),
    supplementaryInsurance: new Decimal(amounts.supplementaryInsurance),
    medicalAssistance: new Decimal(amounts.medicalAssistance),
    tiltedAssistance: new Decimal(amounts.tiltedAssistance),
    policySelfPay: new Decimal(amounts.outOfPocket).minus(outsidePolicy),
    outsidePolicy,
  };
  const total = new Decimal(amounts.totalCost);
  return SEGMENTS.map((s) => ({
    ...s,
    amount: values[s.key]!.toFixed(2),
    percent: total.isZero() ? "0" : values[s.key]!.div(total).times(100).toDecimalPlaces(2).toString(),
  })).filter((p) => !new Decimal(p.amount).isZero());
}

export function StackedBar({ amounts }: { amounts: Amounts }) {
  const parts = barParts(amounts);
  return (
    <figure data-testid="stacked-bar">
      <div className="flex h-10 w-full overflow-hidden rounded-md border border-slate-200" role="img" aria-label={parts.map((p) => `${p.label}${formatYuan(p.amount)}`).join("，")}>
        {parts.map((p) => (
          <div key={p.key} style={{ width: `${p.percent}%`, backgroundColor: p.color }} title={`${p.label} ${formatYuan(p.amount)}（${p.percent}%）`} />
        ))}
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {parts.map((p) => (
          <span key={p.key} className="inline-flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: p.color }} aria-hidden />
            {p.label} {formatYuan(p.amount)}（{p.percent}%）
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
