/**
 * Every parameter key (settlement-contract.md "Parameter keys" plus the few this
 * catalogue adds), its value kind and its Chinese label. Every policy set has every key.
 */
import Decimal from "decimal.js";
import {
  CATEGORY_CODES,
  HOSPITAL_LEVELS,
  LOCATIONS,
  VISIT_KINDS,
  type CategoryCode,
  type ParamValue,
} from "./types";

export type ValueKind =
  | "money"
  | "moneyOrNull"
  | "ratio"
  | "ratioOrNull"
  | "bands"
  | "boolean"
  | "categories"
  | "categoryPriority"
  | "kinds"
  | "locations"
  | "levels"
  | "level"
  | "day"
  | "dayOrNull"
  | "days"
  | "ratioAppliesTo"
  | "tier2Basis"
  | "coverageStart";

export interface KeyInfo {
  kind: ValueKind;
  label: string;
  /** true for keys listed in settlement-contract.md; false for the ones this catalogue adds */
  contract: boolean;
}

const ASSISTED: readonly CategoryCode[] = CATEGORY_CODES;

const CATEGORY_LABEL_SHORT: Record<CategoryCode, string> = {
  TEKUN: "特困人员",
  DIBAO: "低保对象",
  DIBIAN: "低保边缘家庭成员",
  YINBING: "因病致贫重病患者",
  FANPIN: "返贫致贫人口",
  JIANCE: "监测对象",
  YOUFU: "在乡重点优抚对象",
  ZHONGCAN: "重度残疾人员",
  JIANDANG: "建档立卡贫困人口",
  NONE: "普通参保人",
};

function build(): Record<string, KeyInfo> {
  const k: Record<string, KeyInfo> = {};
  const add = (key: string, kind: ValueKind, label: string, contract = true) => {
    k[key] = { kind, label, contract };
  };
  const LEVEL_LABEL = ["基层/未定级", "一级", "二级", "三级"];
  for (const l of HOSPITAL_LEVELS) add(`basic.deductible.level${l}`, "money", `基本医保住院起付线（${LEVEL_LABEL[l]}医院）`);
  add("basic.deductible.outpatientSpecial", "money", "基本医保门诊慢特病起付线（每次）");
  add("basic.deductible.outpatientGeneral", "money", "基本医保普通门诊起付线（每次）");
  for (const t of [1, 2]) {
    for (const l of HOSPITAL_LEVELS) add(`basic.payRatio.tier${t}.level${l}`, "ratio", `基本医保住院支付比例（${t === 1 ? "一" : "二"}档，${LEVEL_LABEL[l]}医院）`);
    add(`basic.payRatio.tier${t}.outpatientSpecial`, "ratio", `基本医保门诊慢特病支付比例（${t === 1 ? "一" : "二"}档）`);
    add(`basic.payRatio.tier${t}.outpatientGeneral`, "ratio", `基本医保普通门诊支付比例（${t === 1 ? "一" : "二"}档）`);
  }
  add("basic.locationRatioCut.city", "ratio", "县外市内就医支付比例降低");
  add("basic.locationRatioCut.province", "ratio", "市外省内就医支付比例降低");
  add("basic.locationRatioCut.out_of_province", "ratio", "省外就医支付比例降低");
  add("basic.annualCap.tier1", "money", "基本医保年度最高支付限额（一档）");
  add("basic.annualCap.tier2", "money", "基本医保年度最高支付限额（二档）");
  add("basic.tilt.categories", "categories", "基本医保倾斜的人员类别");
  add("basic.tilt.deductibleFactor", "ratio", "基本医保倾斜：起付线乘数");
  add("basic.tilt.ratioPoints", "ratio", "基本医保倾斜：支付比例提高");
  add("basic.tilt.hospitalLevels", "levels", "基本医保倾斜适用的医院等级");
  add("basic.tilt.locations", "locations", "基本医保倾斜适用的就医地", false);
  add("basic.referralContinuity.categories", "categories", "转诊住院起付线连续计算的人员类别");
  add("basic.coverageStart", "coverageStart", "补缴或新增资助参保的待遇起始", false);
  add("critical.deductible", "money", "大病保险年度起付线");
  add("critical.bands", "bands", "大病保险分段支付比例");
  add("critical.annualCap", "moneyOrNull", "大病保险年度封顶线");
  add("critical.tilt.categories", "categories", "大病保险倾斜的人员类别");
  add("critical.tilt.deductibleFactor", "ratio", "大病保险倾斜：起付线乘数");
  add("critical.tilt.ratioPoints", "ratio", "大病保险倾斜：支付比例提高");
  add("critical.tilt.noCap", "boolean", "大病保险倾斜：不设封顶线");
  add("critical.noCap.categories", "categories", "大病保险取消封顶线的人员类别", false);
  add("critical.baseIncludesBasicDeductible", "boolean", "基本医保起付线以下费用计入大病保险");
  add("critical.includesKinds", "kinds", "计入大病保险的就诊类型");
  add("supplementary.categories", "categories", "补充医疗保险的人员类别", false);
  add("supplementary.deductible", "money", "补充医疗保险起付线（每次）", false);
  add("supplementary.payRatio", "ratio", "补充医疗保险支付比例", false);
  add("supplementary.annualCap", "moneyOrNull", "补充医疗保险年度限额", false);
  for (const c of ASSISTED) {
    add(`assistance.ratio.${c}`, "ratioOrNull", `医疗救助比例（${CATEGORY_LABEL_SHORT[c]}）`);
    add(`assistance.deductible.${c}`, "money", `医疗救助年度起付标准（${CATEGORY_LABEL_SHORT[c]}）`);
  }
  add("assistance.annualLimit", "moneyOrNull", "医疗救助年度限额");
  add("assistance.otherDisease.annualLimit", "moneyOrNull", "其他疾病住院救助年度限额");
  add("assistance.otherDisease.minPolicyRangeCost", "moneyOrNull", "其他疾病住院救助：一次住院政策范围内费用须超过");
  add("assistance.otherDisease.minHospitalLevel", "level", "其他疾病住院救助：最低医院等级");
  add("assistance.otherDisease.kinds", "kinds", "其他疾病救助适用的就诊类型", false);
  add("assistance.otherDiseaseLimitIsSubLimit", "boolean", "其他疾病限额是否为总限额的分项");
  for (const c of ASSISTED) add(`tilted.threshold.${c}`, "moneyOrNull", `倾斜救助起付线（${CATEGORY_LABEL_SHORT[c]}）`);
  add("tilted.payRatio", "ratio", "倾斜救助比例");
  add("tilted.annualLimit", "moneyOrNull", "倾斜救助年度限额");
  add("tilted.ratioAppliesTo", "ratioAppliesTo", "倾斜救助比例适用于超过起付线部分或全部");
  add("tilted.locations", "locations", "倾斜救助适用的就医地", false);
  add("subsidy.individualContribution.tier1", "money", "居民医保个人缴费标准（一档）");
  add("subsidy.individualContribution.tier2", "money", "居民医保个人缴费标准（二档）");
  for (const c of ASSISTED) {
    add(`subsidy.ratio.tier1.${c}`, "ratio", `一档资助比例（${CATEGORY_LABEL_SHORT[c]}）`);
    add(`subsidy.fixedAmount.${c}`, "money", `一档定额资助金额（${CATEGORY_LABEL_SHORT[c]}）`, false);
  }
  add("subsidy.tier2.basis", "tier2Basis", "二档资助的计算基数", false);
  add("categoryPriority", "categoryPriority", "就高不重复的类别优先顺序");
  add("registry.submissionDeadlineDay", "dayOrNull", "部门名单每月报送截止日", false);
  add("registry.reconcileWithinWorkingDays", "dayOrNull", "汇总比对完成时限（工作日）", false);
  add("monitoring.alert.incomeRatio", "ratio", "高额费用预警：占上年农村居民人均可支配收入的比例", false);
  add("application.targetDays", "days", "依申请救助：受理至审批的目标办理天数", false);
  add("monitoring.priorYearRuralIncome", "moneyOrNull", "上年农村居民人均可支配收入（高额费用预警的基数）", false);
  return k;
}

/** All parameter keys with kind and label. */
export const PARAMETER_KEYS: Readonly<Record<string, KeyInfo>> = build();
export const ALL_KEYS: readonly string[] = Object.keys(PARAMETER_KEYS);
export const CATEGORY_SHORT_LABELS = CATEGORY_LABEL_SHORT;

const MONEY_RE = /^\d+(\.\d{1,2})?$/;
const RATIO_RE = /^\d+(\.\d+)?$/;
const MAX_MONEY = new Decimal("1000000000");

function isMoney(v: unknown): boolean {
  return typeof v === "string" && MONEY_RE.test(v) && new Decimal(v).lte(MAX_MONEY);
}
function isRatio(v: unknown): boolean {
  return typeof v === "string" && RATIO_RE.test(v) && new Decimal(v).lte(1);
}
function isList<T>(v: unknown, allowed: readonly T[]): boolean {
  return Array.isArray(v) && v.every((x) => allowed.includes(x as T)) && new Set(v).size === v.length;
}

/** Checks a value against a key's kind; returns a Chinese problem description or null. */
export function checkParamValue(key: string, value: unknown): string | null {
  const info = PARAMETER_KEYS[key];
  if (!info) return `未知的参数 ${key}`;
  const ok = ((): boolean => {
    switch (info.kind) {
      case "money":
        return isMoney(value);
      case "moneyOrNull":
        return value === null || isMoney(value);
      case "ratio":
        return isRatio(value);
      case "ratioOrNull":
        return value === null || isRatio(value);
      case "boolean":
        return typeof value === "boolean";
      case "categories":
        return isList(value, CATEGORY_CODES);
      case "categoryPriority":
        return isList(value, CATEGORY_CODES) && (value as string[]).length > 0;
      case "kinds":
        return isList(value, VISIT_KINDS);
      case "locations":
        return isList(value, LOCATIONS);
      case "levels":
        return isList(value, HOSPITAL_LEVELS);
      case "level":
        return HOSPITAL_LEVELS.includes(value as 0);
      case "day":
        return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 31;
      case "dayOrNull":
        return value === null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 31);
      case "days":
        return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 366;
      case "ratioAppliesTo":
        return value === "excess" || value === "whole";
      case "tier2Basis":
        return value === "tier1Contribution" || value === "tier1Subsidy";
      case "coverageStart":
        return value === null || value === "nextDay" || value === "nextMonth";
      case "bands": {
        if (!Array.isArray(value) || value.length === 0) return false;
        let prev = new Decimal(0);
        for (let i = 0; i < value.length; i++) {
          const b = value[i] as Partial<{ upTo: unknown; payRatio: unknown }> | null;
          if (!b || typeof b !== "object" || Object.keys(b).some((x) => x !== "upTo" && x !== "payRatio")) return false;
          if (!isRatio(b.payRatio)) return false;
          const last = i === value.length - 1;
          if (last ? b.upTo !== null : !isMoney(b.upTo)) return false;
          if (!last) {
            const u = new Decimal(b.upTo as string);
            if (u.lte(prev)) return false;
            prev = u;
          }
        }
        return true;
      }
    }
  })();
  return ok ? null : `参数 ${key}（${info.label}）的取值不符合格式要求（${KIND_HINT[info.kind]}）`;
}

const KIND_HINT: Record<ValueKind, string> = {
  money: "金额字符串，最多两位小数",
  moneyOrNull: "金额字符串或 null",
  ratio: "0 到 1 之间的小数字符串",
  ratioOrNull: "0 到 1 之间的小数字符串或 null",
  bands: "分段数组，末段 upTo 为 null",
  boolean: "true 或 false",
  categories: "人员类别代码数组",
  categoryPriority: "人员类别代码数组（非空）",
  kinds: "就诊类型数组",
  locations: "就医地数组",
  levels: "医院等级数组（0–3）",
  level: "医院等级 0–3",
  day: "1–31 的整数",
  dayOrNull: "1–31 的整数或 null",
  days: "1–366 的整数（天数）",
  ratioAppliesTo: "\"excess\" 或 \"whole\"",
  tier2Basis: "\"tier1Contribution\" 或 \"tier1Subsidy\"",
  coverageStart: "\"nextDay\"、\"nextMonth\" 或 null",
};
