/** Chinese labels for UI use: the one place they are defined (glossary.md). */
import type { CategoryCode, HospitalLevel, InsuranceTier, Location, Referral, VisitKind } from "@/lib/policy/types";

export const CATEGORY_LABELS: Record<CategoryCode, string> = {
  TEKUN: "特困人员",
  DIBAO: "低保对象",
  DIBIAN: "低保边缘家庭成员",
  YINBING: "因病致贫重病患者",
  FANPIN: "返贫致贫人口",
  JIANCE: "纳入监测范围的农村易返贫致贫人口",
  YOUFU: "在乡重点优抚对象",
  ZHONGCAN: "城乡重度残疾人员",
  JIANDANG: "建档立卡农村贫困人口",
  NONE: "普通参保人",
};

export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  inpatient: "住院",
  outpatient_special: "门诊慢特病",
  outpatient_general: "普通门诊",
};

export const LOCATION_LABELS: Record<Location, string> = {
  county: "县域内",
  city: "市内县外",
  province: "省内市外",
  out_of_province: "省外",
};

export const REFERRAL_LABELS: Record<Referral, string> = {
  not_required: "无需转诊",
  referred: "按规定转诊",
  unreferred: "未按规定转诊",
};

export const HOSPITAL_LEVEL_LABELS: Record<HospitalLevel, string> = {
  0: "基层/未定级",
  1: "一级",
  2: "二级",
  3: "三级",
};

export const INSURANCE_TIER_LABELS: Record<InsuranceTier, string> = {
  1: "一档",
  2: "二档",
};

export const TIERS = [
  "policyRange",
  "category",
  "basicInsurance",
  "criticalIllnessInsurance",
  "supplementaryInsurance",
  "medicalAssistance",
  "tiltedAssistance",
  "outOfPocket",
  "premiumSubsidy",
] as const;
export type Tier = (typeof TIERS)[number];

/** The payments of the three systems and what is left to the person, in the order of a statement. */
export const PAYMENT_TIERS = ["basicInsurance", "criticalIllnessInsurance", "supplementaryInsurance", "medicalAssistance", "tiltedAssistance", "outOfPocket"] as const;
export type PaymentTier = (typeof PAYMENT_TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  policyRange: "政策范围内费用",
  category: "救助类别认定",
  basicInsurance: "基本医保",
  criticalIllnessInsurance: "大病保险",
  supplementaryInsurance: "补充医疗保险",
  medicalAssistance: "医疗救助",
  tiltedAssistance: "倾斜救助",
  outOfPocket: "个人自付",
  premiumSubsidy: "资助参保",
};

export const PROVENANCE_LABELS = {
  document: "文件规定",
  interpretation: "解释口径",
  local: "示例值，非文件规定",
  override: "本次测算调整值",
} as const;
