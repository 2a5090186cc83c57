/** 渝医保发〔2018〕23号 (seed 000): Chongqing's 2018–2020 plan. */
import { entryBuilder, exampleLocalValues, ruleBuilder, withNeutralDefaults, type SetMeta } from "../build";
import type { CategoryCode, PolicySet } from "../types";

const meta: SetMeta = {
  document: "渝医保发〔2018〕23号",
  seed: "000_702d69c3f02c385f.txt",
  effectiveFrom: "2018-12-18",
  effectiveTo: "2020-12-31",
  publishedOn: "2018-12-18",
};
const p = entryBuilder(meta);
const r = ruleBuilder(meta);

const priority: CategoryCode[] = ["TEKUN", "JIANDANG", "NONE"];
const LOCAL = "（文件未规定具体数值，由各区县确定）";
const Q_BASIC_TILT = "报销比例提高10个百分点、起付线降低50%";
const Q_CRIT = "报销比例分别提高5个百分点，达到55%和65%";
const POOR = ["TEKUN", "JIANDANG"] as CategoryCode[];

const own = [
  ...exampleLocalValues(meta, LOCAL),
  p("basic.tilt.categories", POOR, "P-BASIC-3", "document", "§二(二)4", "继续落实对农村贫困人口区域内区县级医院基本医保住院报销比例提高10个百分点"),
  p("basic.tilt.deductibleFactor", "0.5", "P-BASIC-3", "document", "§二(二)4", Q_BASIC_TILT),
  p("basic.tilt.ratioPoints", "0.10", "P-BASIC-3", "document", "§二(二)4", Q_BASIC_TILT),
  p("basic.tilt.hospitalLevels", [0, 1, 2], "P-BASIC-3", "interpretation", "§二(二)4", "区域内区县级医院", {
    note: "“区县级医院”按基层、一级、二级医院理解（解释口径）",
  }),
  p("basic.tilt.locations", ["county", "city"], "P-BASIC-3", "interpretation", "§二(二)4", "区域内区县级医院", {
    note: "“区域内”取重庆市内（县内或市内）就医",
  }),
  p("basic.coverageStart", "nextDay", "P-BASIC-6", "document", "§二(一)3", "从其参保缴费后的次日起享受城乡居民医保待遇"),
  p("critical.bands", [{ upTo: "200000.00", payRatio: "0.50" }, { upTo: null, payRatio: "0.60" }], "P-CRIT-1", "document", "§二(二)5", "自付费用在起付线标准至20万元（含）内、20万元以上的报销比例分别提高5个百分点", {
    note: "一般比例50%/60%由“提高5个百分点，达到55%和65%”推得",
  }),
  p("critical.tilt.categories", POOR, "P-CRIT-1", "document", "§二(二)5", "农村贫困人口城乡居民大病保险起付线降低50%"),
  p("critical.tilt.deductibleFactor", "0.5", "P-CRIT-1", "document", "§二(二)5", "起付线降低50%"),
  p("critical.tilt.ratioPoints", "0.05", "P-CRIT-1", "document", "§二(二)5", Q_CRIT),
  p("critical.tilt.noCap", false, "P-CRIT-1", "interpretation", "§二(二)5", "逐步提高并取消农村贫困人口大病保险封顶线", {
    note: "“逐步提高并取消”：本文件未直接取消，封顶线仍适用",
  }),
  ...POOR.map((c) => p(`assistance.ratio.${c}`, "0.70", "P-ASSIST-8", "document", "§二(二)6", "救助比例不低于70%", { note: "不低于70%，取下限" })),
  ...POOR.map((c) => p(`assistance.deductible.${c}`, "0.00", "P-ASSIST-10", "local", LOCAL)),
  p("assistance.annualLimit", "100000.00", "P-ASSIST-10", "local", "§二(二)6", "确保年度救助限额内农村贫困人口政策范围内个人自付住院医疗费用救助比例不低于70%"),
  p("assistance.otherDisease.kinds", ["inpatient"], "P-ASSIST-8", "document", "§二(二)6", "政策范围内个人自付住院医疗费用"),
  p("subsidy.ratio.tier1.TEKUN", "1.00", "P-PS-1", "document", "§二(一)2", "对特困人员参保缴费给予全额补助"),
  p("subsidy.fixedAmount.JIANDANG", "180.00", "P-PS-5", "local", "§二(一)2", "对建档立卡农村贫困人口给予定额补助"),
  p("subsidy.individualContribution.tier1", "220.00", "P-PS-5", "local", LOCAL),
  p("subsidy.individualContribution.tier2", "470.00", "P-PS-5", "local", LOCAL),
  p("categoryPriority", priority, "P-PS-1", "document", "§二(一)2", "按就高不就低的原则进行补助，不重复补助"),
];

export const cq2018: PolicySet = {
  code: "cq-2018",
  document: meta.document,
  title: "重庆市医疗保障扶贫三年行动实施方案（2018—2020年）",
  regionCode: "500000",
  regionName: "重庆市",
  effectiveFrom: meta.effectiveFrom,
  effectiveTo: meta.effectiveTo,
  publishedOn: meta.publishedOn,
  parent: null,
  previous: null,
  seed: meta.seed,
  categories: ["TEKUN", "JIANDANG", "NONE"],
  categoryPriority: priority,
  parameters: withNeutralDefaults(meta, priority, own),
  supersedes: [],
  rules: [
    r("P-BASIC-1", "医保只支付国家和重庆市基本医保目录内的费用；目录外费用和先行自付部分由个人承担。", "§二(三)7", "全面执行国家和我市基本医保药品目录", []),
    r("P-BASIC-2", "基本医保住院起付线、支付比例和年度限额由各区县执行，门户使用示例值。", "§二(二)4", "稳步提高住院保障水平", ["basic.deductible.level2", "basic.payRatio.tier1.level2", "basic.annualCap.tier1"], "local"),
    r("P-BASIC-3", "建档立卡贫困人口和特困人员在重庆市内区县级医院住院，基本医保报销比例提高10个百分点，起付线降低50%。", "§二(二)4", Q_BASIC_TILT, ["basic.tilt.categories", "basic.tilt.deductibleFactor", "basic.tilt.ratioPoints", "basic.tilt.hospitalLevels", "basic.tilt.locations"]),
    r("P-BASIC-6", "超过缴费期补缴或新增的贫困人口，从缴费后的次日起享受医保待遇。", "§二(一)3", "从其参保缴费后的次日起享受城乡居民医保待遇", ["basic.coverageStart"]),
    r("P-CRIT-1", "农村贫困人口大病保险起付线降低50%；累计自付在起付线至20万元（含）的部分报销55%，20万元以上报销65%（各比一般人员高5个百分点）；封顶线逐步提高并取消。", "§二(二)5", Q_CRIT, ["critical.bands", "critical.tilt.categories", "critical.tilt.deductibleFactor", "critical.tilt.ratioPoints", "critical.tilt.noCap"]),
    r("P-CRIT-6", "大病保险一般起付线和封顶线由当地确定，门户使用示例值。", "—", "", ["critical.deductible", "critical.annualCap"], "local"),
    r("P-CRIT-I1", "基本医保起付线以下由个人支付的费用，也计入大病保险的累计费用。", "—", "", ["critical.baseIncludesBasicDeductible"], "interpretation"),
    r("P-CRIT-I2", "住院和门诊慢特病费用计入大病保险；普通门诊不计入。", "—", "", ["critical.includesKinds"], "interpretation"),
    r("P-ASSIST-8", "年度救助限额内，农村贫困人口政策范围内个人自付住院费用救助比例不低于70%。", "§二(二)6", "救助比例不低于70%", ["assistance.ratio.TEKUN", "assistance.ratio.JIANDANG"]),
    r("P-ASSIST-10", "年度救助限额由各区县确定，门户使用示例值。", "§二(二)6", "年度救助限额内", ["assistance.annualLimit"], "local"),
    r("P-PS-1", "特困人员参保个人缴费全额资助，建档立卡贫困人口定额资助；同时具有两种以上身份的，按最高的一种资助一次。", "§二(一)2", "对特困人员参保缴费给予全额补助，对建档立卡农村贫困人口给予定额补助", ["subsidy.ratio.tier1.TEKUN", "subsidy.fixedAmount.JIANDANG", "categoryPriority"]),
    r("P-PS-5", "个人缴费标准和定额资助金额由当地确定，门户使用示例值。", "—", "", ["subsidy.individualContribution.tier1", "subsidy.fixedAmount.JIANDANG"], "local"),
    r("P-ID-I1", "“就高不就低”按明确顺序：特困人员 > 建档立卡贫困人口 > 普通参保人。", "§二(一)2", "按就高不就低的原则进行补助，不重复补助", ["categoryPriority"], "interpretation"),
    r("P-MON-3", "建立农村贫困人口专项管理台账，统筹记录参保缴费、患病就医、待遇保障、费用结算。", "§三(三)", "建立农村贫困人口专项管理台账", []),
    r("P-MON-4", "按区县定期汇总报送数据：参保率（目标100%）、各项待遇支付、救助比例（目标不低于70%）等。", "§一(二)、§三(三)", "按区县定期汇总报送数据", [], "document", {
      targets: { enrolmentRate: "1.00", assistanceShareOfPolicyRangeSelfPay: "0.70" },
    }),
    r("P-SVC-1", "基本医保、大病保险、医疗救助一站式服务、一窗口办理、一单制结算。", "§二(三)8", "一站式服务、一窗口办理、一单制结算", []),
    r("P-SVC-3", "简化贫困人口异地就医备案，可通过电话、网络、手机APP办理。", "§二(三)9", "充分简化农村贫困人口办理异地就医备案程序", []),
  ],
};
