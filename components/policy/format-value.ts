import Decimal from "decimal.js";
import { PARAMETER_KEYS, type Band, type ParamValue } from "@/lib/policy";
import { CATEGORY_LABELS, HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { formatYuan } from "@/lib/money";

/** "0.7" → "70%"; exact, through decimal.js. */
export function formatRatio(value: string): string {
  return `${new Decimal(value).times(100).toDecimalPlaces(2).toString()}%`;
}

const list = (items: string[]) => (items.length ? items.join("、") : "无");

/** A parameter value in plain Chinese for the policy pages. */
export function formatParameterValue(key: string, value: ParamValue | undefined): string {
  if (value === undefined) return "—";
  const kind = PARAMETER_KEYS[key]?.kind;
  if (value === null) return kind === "moneyOrNull" ? "不设封顶" : "不适用";
  switch (kind) {
    case "money":
    case "moneyOrNull":
      return formatYuan(String(value));
    case "ratio":
    case "ratioOrNull":
      return formatRatio(String(value));
    case "boolean":
      return value === true ? "是" : "否";
    case "bands":
      return (value as Band[])
        .map((b, i, all) => {
          const from = i === 0 ? "起付线以上" : `${formatYuan(all[i - 1]!.upTo ?? "0")}以上`;
          return `${from}${b.upTo ? `至${formatYuan(b.upTo)}` : ""} ${formatRatio(b.payRatio)}`;
        })
        .join("；");
    case "categories":
    case "categoryPriority":
      return (value as string[]).map((c) => CATEGORY_LABELS[c as keyof typeof CATEGORY_LABELS] ?? c).join(kind === "categoryPriority" ? " ＞ " : "、") || "无";
    case "kinds":
      return list((value as string[]).map((k) => VISIT_KIND_LABELS[k as keyof typeof VISIT_KIND_LABELS] ?? k));
    case "locations":
      return list((value as string[]).map((l) => LOCATION_LABELS[l as keyof typeof LOCATION_LABELS] ?? l));
    case "levels":
      return list((value as number[]).map((l) => `${HOSPITAL_LEVEL_LABELS[l as 0 | 1 | 2 | 3] ?? l}医院`));
    case "level":
      return `${HOSPITAL_LEVEL_LABELS[value as 0 | 1 | 2 | 3] ?? value}医院`;
    case "ratioAppliesTo":
      return value === "excess" ? "超过起付线的部分" : "全部负担";
    default:
      return Array.isArray(value) ? list(value.map(String)) : String(value);
  }
}
