/**
 * 彭水府办发〔2023〕52号 (seed 002). Inherits from national-2021 and overrides the keys below
 * (policy-book.md: Chongqing's 渝府办发〔2022〕116号 is not among the sources).
 */
import { entryBuilder, ruleBuilder, type SetMeta } from "../build";
import type { CategoryCode, ParameterEntry, PolicySet } from "../types";

const meta: SetMeta = {
  document: "彭水府办发〔2023〕52号",
  seed: "002_f9469e3115be5feb.txt",
  effectiveFrom: "2023-05-30",
  effectiveTo: null,
  publishedOn: "2023-05-30",
};
const p = entryBuilder(meta);
const r = ruleBuilder(meta);

const priority: CategoryCode[] = ["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "YOUFU", "ZHONGCAN", "NONE"];
const LOCAL = "（文件未规定具体数值，由县确定）";
const Q_SPECIAL = "对特困人员、低保对象、返贫致贫人口按80%的比例救助，对其他救助对象按70%的比例救助";
const Q_OTHER = "在二级及以上医疗机构一次性住院发生医保政策范围内费用超过3万元的";
const Q_TILT_COND = "对规范转诊且在市内就医的救助对象";

const assistance: ParameterEntry[] = [
  ...(["TEKUN", "DIBAO", "FANPIN"] as const).map((c) => p(`assistance.ratio.${c}`, "0.80", "P-ASSIST-3", "document", "§二(三)2", Q_SPECIAL)),
  ...(["DIBIAN", "JIANCE", "YINBING"] as const).map((c) => p(`assistance.ratio.${c}`, "0.70", "P-ASSIST-3", "document", "§二(三)2", Q_SPECIAL)),
  ...(["YOUFU", "ZHONGCAN"] as const).map((c) =>
    p(`assistance.ratio.${c}`, "0.70", "P-ASSIST-I2", "interpretation", "§二(一)", "给予相应救助", {
      note: "在乡重点优抚对象、重度残疾人员按“其他救助对象”70%（解释口径）",
    }),
  ),
  p("assistance.ratio.NONE", null, "P-ASSIST-3", "document", "§二(三)2", Q_SPECIAL, { note: "普通参保人不是救助对象" }),
  ...(["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "YOUFU", "ZHONGCAN", "NONE"] as const).map((c) =>
    p(`assistance.deductible.${c}`, "0.00", "P-ASSIST-2", "document", "§二(三)2", "取消年度救助起付标准"),
  ),
  p("assistance.annualLimit", "100000.00", "P-ASSIST-3", "document", "§二(三)2", "年度救助限额10万元"),
  p("assistance.otherDisease.annualLimit", "60000.00", "P-ASSIST-4", "document", "§二(三)2", "年度救助限额6万元"),
  p("assistance.otherDisease.minPolicyRangeCost", "30000.00", "P-ASSIST-4", "document", "§二(三)2", Q_OTHER, { note: "“超过”：严格大于3万元" }),
  p("assistance.otherDisease.minHospitalLevel", 2, "P-ASSIST-4", "document", "§二(三)2", Q_OTHER),
  p("assistance.otherDisease.kinds", ["inpatient"], "P-ASSIST-4", "document", "§二(三)2", Q_OTHER),
  p("assistance.otherDiseaseLimitIsSubLimit", true, "P-ASSIST-I1", "interpretation", "§二(三)2", "年度救助限额6万元", {
    note: "6万元为10万元总限额中的分项（解释口径）",
  }),
];

const tilted: ParameterEntry[] = [
  p("tilted.threshold.TEKUN", "3000.00", "P-TILT-2", "document", "§二(三)3", "特困人员达到3000元及以上的，按60%的比例救助"),
  ...(["DIBAO", "FANPIN"] as const).map((c) =>
    p(`tilted.threshold.${c}`, "4000.00", "P-TILT-2", "document", "§二(三)3", "低保对象、返贫致贫人口达到4000元及以上的，按60%的比例救助"),
  ),
  ...(["JIANCE", "DIBIAN", "YINBING"] as const).map((c) =>
    p(`tilted.threshold.${c}`, "5000.00", "P-TILT-2", "document", "§二(三)3", "纳入监测范围的农村易返贫致贫人口、低保边缘家庭成员和因病致贫重病患者达到5000元及以上的"),
  ),
  ...(["YOUFU", "ZHONGCAN", "NONE", "JIANDANG"] as const).map((c) =>
    p(`tilted.threshold.${c}`, null, "P-TILT-2", "document", "§二(三)3", "对一次性就医经三重制度综合保障后医疗保险政策范围内的自付费用达到倾斜救助起付线标准的，实行分类倾斜救助", {
      note: "文件未列此类别：不享受倾斜救助",
    }),
  ),
  p("tilted.payRatio", "0.60", "P-TILT-2", "document", "§二(三)3", "按60%的比例救助"),
  p("tilted.annualLimit", "20000.00", "P-TILT-2", "document", "§二(三)3", "年度救助限额2万元"),
  p("tilted.ratioAppliesTo", "excess", "P-TILT-I1", "interpretation", "§二(三)3", "倾斜救助起付线标准", {
    note: "起付线按扣除处理：60%适用于超过起付线的部分；备选口径 whole 为全额的60%",
  }),
  p("tilted.locations", ["county", "city"], "P-TILT-1", "document", "§二(三)3", Q_TILT_COND),
];

const subsidy: ParameterEntry[] = [
  p("subsidy.ratio.tier1.TEKUN", "1.00", "P-PS-3", "document", "§二(二)1", "对特困人员按照个人缴费标准给予全额资助"),
  p("subsidy.ratio.tier1.DIBAO", "0.90", "P-PS-3", "document", "§二(二)1", "对低保对象按照90%给予定额资助"),
  ...(["FANPIN", "JIANCE", "DIBIAN"] as const).map((c) =>
    p(`subsidy.ratio.tier1.${c}`, "0.70", "P-PS-3", "document", "§二(二)1", "对返贫致贫人口、纳入监测的农村易返贫致贫人口和低保边缘家庭成员按照70%给予定额资助"),
  ),
  ...(["YINBING", "YOUFU", "ZHONGCAN", "NONE", "JIANDANG"] as const).flatMap((c) => [
    p(`subsidy.ratio.tier1.${c}`, "0", "P-PS-3", "document", "§二(二)1", "救助对象参加城乡居民基本医保一档的", { note: "文件未列此类别：不资助" }),
  ]),
  ...(["TEKUN", "DIBAO", "FANPIN", "JIANCE", "DIBIAN", "YINBING", "YOUFU", "ZHONGCAN", "NONE", "JIANDANG"] as const).map((c) =>
    p(`subsidy.fixedAmount.${c}`, "0.00", "P-PS-3", "document", "§二(二)1", "对低保对象按照90%给予定额资助", { note: "按比例资助，无另行定额" }),
  ),
  p("subsidy.tier2.basis", "tier1Contribution", "P-PS-3", "document", "§二(二)1", "统一按照参加城乡居民基本医保一档个人缴费标准的100%给予资助"),
  p("subsidy.individualContribution.tier1", "380.00", "P-PS-5", "local", LOCAL, "", { note: "2023年居民医保个人缴费全国最低标准；请替换为本县标准" }),
  p("subsidy.individualContribution.tier2", "660.00", "P-PS-5", "local", LOCAL),
];

// The critical-illness deductible is half the prior year's per-capita disposable income:
// the admin enters one version per year, and a year without a version is an error.
const criticalDeductible: ParameterEntry[] = (
  [
    ["2023-05-30", "2023-12-31"],
    ["2024-01-01", "2024-12-31"],
    ["2025-01-01", "2025-12-31"],
    ["2026-01-01", "2026-12-31"],
  ] as const
).map(([from, to]) =>
  p("critical.deductible", "18000.00", "P-CRIT-6", "local", LOCAL, "", {
    from,
    to,
    note: "上年居民人均可支配收入的50%，由管理员按年度录入",
  }),
);

export const pengshui2023: PolicySet = {
  code: "pengshui-2023",
  document: meta.document,
  title: "彭水苗族土家族自治县人民政府办公室关于健全重特大疾病医疗保险和救助制度的实施意见",
  regionCode: "500243",
  regionName: "彭水苗族土家族自治县",
  effectiveFrom: meta.effectiveFrom,
  effectiveTo: meta.effectiveTo,
  publishedOn: meta.publishedOn,
  parent: "national-2021",
  previous: "cq-2018",
  seed: meta.seed,
  categories: ["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "YOUFU", "ZHONGCAN", "NONE"],
  categoryPriority: priority,
  parameters: [
    p("critical.tilt.categories", ["TEKUN", "DIBAO", "FANPIN"], "P-CRIT-3", "document", "§二(二)2", "特困人员、低保对象和返贫致贫人口大病保险起付线降低50%"),
    p("critical.tilt.deductibleFactor", "0.5", "P-CRIT-3", "document", "§二(二)2", "大病保险起付线降低50%"),
    p("critical.tilt.ratioPoints", "0.05", "P-CRIT-3", "document", "§二(二)2", "报销比例提高5个百分点"),
    p("critical.tilt.noCap", true, "P-CRIT-3", "document", "§二(二)2", "不设封顶线"),
    ...criticalDeductible,
    ...assistance,
    ...tilted,
    ...subsidy,
    p("categoryPriority", priority, "P-ID-I1", "interpretation", "§二(四)2", "按待遇就高不重复原则确定唯一救助类别"),
    p("registry.submissionDeadlineDay", 5, "P-ID-1", "document", "§二(四)2", "救助对象认定部门在每月5日前（法定节假日顺延）"),
    p("registry.reconcileWithinWorkingDays", 5, "P-ID-2", "document", "§二(四)2", "县医保局在接收各类救助对象名单后5个工作日内完成汇总比对"),
  ],
  supersedes: ["P-CRIT-2", "P-ASSIST-7", "P-ASSIST-10", "P-PS-2", "P-PS-5", "P-ID-I1", "P-ID-2", "P-ASSIST-5"],
  rules: [
    r("P-CRIT-3", "特困人员、低保对象和返贫致贫人口的大病保险起付线减半，报销比例提高5个百分点，不设封顶线。", "§二(二)2", "特困人员、低保对象和返贫致贫人口大病保险起付线降低50%，报销比例提高5个百分点，不设封顶线", ["critical.tilt.categories", "critical.tilt.deductibleFactor", "critical.tilt.ratioPoints", "critical.tilt.noCap"]),
    r("P-ASSIST-1", "先保险后救助：救助针对经基本医保、大病保险支付后个人仍需负担的政策范围内费用，包括保险起付线以下由个人支付的部分。", "§二(三)1", "基本医保、大病保障起付线以下的政策范围内个人自付费用，按规定纳入救助保障", []),
    r("P-ASSIST-2", "取消医疗救助的年度起付标准：救助从第一元起算。", "§二(三)2", "取消年度救助起付标准", ["assistance.deductible.DIBAO"]),
    r("P-ASSIST-3", "患特殊疾病（住院或门诊）的救助对象，经医保报销后的政策范围内费用：特困人员、低保对象、返贫致贫人口救助80%，其他救助对象70%；年度限额10万元。", "§二(三)2", Q_SPECIAL, ["assistance.ratio.TEKUN", "assistance.ratio.DIBAO", "assistance.ratio.FANPIN", "assistance.ratio.DIBIAN", "assistance.ratio.JIANCE", "assistance.ratio.YINBING", "assistance.annualLimit"]),
    r("P-ASSIST-4", "患其他疾病的，只有在二级及以上医院一次住院政策范围内费用超过3万元，才按上述比例救助；年度限额6万元。不符合的住院不享受常规救助（可能享受倾斜救助）。", "§二(三)2", Q_OTHER, ["assistance.otherDisease.minPolicyRangeCost", "assistance.otherDisease.minHospitalLevel", "assistance.otherDisease.annualLimit", "assistance.otherDisease.kinds"]),
    r("P-ASSIST-5", "门诊和住院救助共用年度救助限额。", "§二(三)3", "门诊和住院救助共用年度救助限额", ["assistance.annualLimit"]),
    r("P-ASSIST-6", "未按规定转诊的，医疗费用原则上不纳入医疗救助；按规定转诊的，执行认定地的救助标准（由经办按认定地选用政策）。", "§二(六)", "未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围", []),
    r("P-ASSIST-I1", "其他疾病的6万元限额是10万元年度总限额中的分项：一年常规救助合计不超过10万元，其中其他疾病部分不超过6万元。", "§二(三)2", "年度救助限额6万元", ["assistance.otherDiseaseLimitIsSubLimit"], "interpretation"),
    r("P-ASSIST-I2", "在乡重点优抚对象、重度残疾人员属于“其他救助对象”，救助比例70%。", "§二(一)", "给予相应救助", ["assistance.ratio.YOUFU", "assistance.ratio.ZHONGCAN"], "interpretation"),
    r("P-TILT-1", "倾斜救助只适用于规范转诊且在市内（县内或市内）就医的救助对象。", "§二(三)3", Q_TILT_COND, ["tilted.locations"]),
    r("P-TILT-2", "一次就医经三重制度保障后政策范围内自付仍达到起付线的，按60%倾斜救助：特困人员3000元，低保对象、返贫致贫人口4000元，监测对象、低保边缘家庭成员、因病致贫重病患者5000元；年度限额2万元。", "§二(三)3", "特困人员达到3000元及以上的，按60%的比例救助", ["tilted.threshold.TEKUN", "tilted.threshold.DIBAO", "tilted.threshold.JIANCE", "tilted.payRatio", "tilted.annualLimit"]),
    r("P-TILT-I1", "倾斜救助的起付线按扣除处理：只对超过起付线的部分按60%救助。", "§二(三)3", "倾斜救助起付线标准", ["tilted.ratioAppliesTo"], "interpretation"),
    r("P-PS-3", "参加一档的：特困人员全额资助，低保对象资助90%，返贫致贫人口、监测对象、低保边缘家庭成员资助70%；自愿参加二档的，按一档个人缴费标准的100%资助（本人只付两档差额）。其他人员不资助。", "§二(二)1", "统一按照参加城乡居民基本医保一档个人缴费标准的100%给予资助", ["subsidy.ratio.tier1.TEKUN", "subsidy.ratio.tier1.DIBAO", "subsidy.ratio.tier1.FANPIN", "subsidy.tier2.basis"]),
    r("P-PS-5", "个人缴费标准由当地确定，门户使用示例值（一档380元、二档660元）。", "—", "", ["subsidy.individualContribution.tier1", "subsidy.individualContribution.tier2"], "local"),
    r("P-ID-1", "各认定部门每月5日前（遇法定节假日顺延）把本月新增、减少、在册的救助对象名单报县医保局：民政局报特困、低保、低保边缘、因病致贫重病患者；乡村振兴局报返贫致贫人口和监测对象；退役军人事务局报优抚对象；残联报重度残疾人员。", "§二(四)2", "救助对象认定部门在每月5日前（法定节假日顺延）", ["registry.submissionDeadlineDay"], "document", {
      deadlineDay: 5,
      holidayRule: "next_working_day",
      changeTypes: ["新增", "减少", "在册"],
      departments: { MINZHENG: ["TEKUN", "DIBAO", "DIBIAN", "YINBING"], XIANGCUN: ["FANPIN", "JIANCE"], TUIYI: ["YOUFU"], CANLIAN: ["ZHONGCAN"] },
    }),
    r("P-ID-2", "县医保局收到名单后5个工作日内完成汇总比对；同时具有多种身份的，按待遇就高不重复原则确定唯一类别。", "§二(四)2", "按待遇就高不重复原则确定唯一救助类别", ["registry.reconcileWithinWorkingDays", "categoryPriority"], "document", { withinWorkingDays: 5 }),
    r("P-ID-I1", "“待遇最高”按明确的类别优先顺序确定：特困人员 > 低保对象 > 返贫致贫人口 > 低保边缘家庭成员 > 监测对象 > 因病致贫重病患者 > 在乡重点优抚对象 > 重度残疾人员 > 普通参保人。", "§二(四)2", "", ["categoryPriority"], "interpretation"),
    r("P-MON-1", "对经基本医保、大病保险支付后个人年度负担仍较重的困难群众做好预警监测。", "§二(四)1", "强化高额医疗费用支出预警监测", ["monitoring.alert.incomeRatio"]),
    r("P-APP-2", "因病致贫重病患者由县民政局会同县医保局，综合家庭经济状况、医疗费用支出、医疗保险支付等情况认定。", "§二(一)", "由县民政局会同县医保局等相关部门做好因病致贫重病患者认定", []),
    r("P-APP-3", "简化救助申请、审核、给付流程，让申请方便快捷。", "§二(四)2", "简化申请、审核、救助金给付流程", []),
    r("P-SVC-2", "经基层首诊转诊的特困人员、低保对象在县内定点医院住院，先诊疗后付费，免交住院押金。", "§二(六)", "实行“先诊疗后付费”，全面免除其住院押金", [], "document", { categories: ["TEKUN", "DIBAO"] }),
  ],
};
