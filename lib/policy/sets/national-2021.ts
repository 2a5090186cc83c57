/** 医保发〔2021〕6号 (seed 001): the national 2021 opinion; parent of pengshui-2023. */
import { entryBuilder, exampleLocalValues, ruleBuilder, withNeutralDefaults, type SetMeta } from "../build";
import type { CategoryCode, PolicySet } from "../types";

const meta: SetMeta = {
  document: "医保发〔2021〕6号",
  seed: "001_6788618cbefcc47f.txt",
  effectiveFrom: "2021-01-29",
  effectiveTo: null,
  publishedOn: "2021-01-29",
};
const p = entryBuilder(meta);
const r = ruleBuilder(meta);

// JIANCE ranks above DIBIAN here: it has a fixed premium subsidy (§二(一)) and DIBIAN none,
// with the same assistance ratio (the P-ID-I1 consistency test checks this).
const priority: CategoryCode[] = ["TEKUN", "DIBAO", "FANPIN", "JIANCE", "DIBIAN", "YINBING", "NONE"];
const LOCAL = "（文件未规定具体数值，由各地确定）";

const own = [
  ...exampleLocalValues(meta, LOCAL),
  // P-BASIC-4: no category tilt in basic insurance.
  p("basic.tilt.categories", [], "P-BASIC-4", "document", "§二(二)", "基本医保实施公平普惠保障政策"),
  p("basic.tilt.deductibleFactor", "1", "P-BASIC-4", "document", "§二(二)", "基本医保实施公平普惠保障政策"),
  p("basic.tilt.ratioPoints", "0", "P-BASIC-4", "document", "§二(二)", "基本医保实施公平普惠保障政策"),
  p("basic.tilt.hospitalLevels", [], "P-BASIC-4", "document", "§二(二)", "基本医保实施公平普惠保障政策"),
  p("basic.tilt.locations", [], "P-BASIC-4", "document", "§二(二)", "基本医保实施公平普惠保障政策"),
  // P-BASIC-5: the category list (农村低收入人口) is an interpretation.
  p("basic.referralContinuity.categories", ["TEKUN", "DIBAO", "DIBIAN", "FANPIN", "JIANCE"], "P-BASIC-5", "interpretation", "§四(十二)", "住院起付线连续计算", {
    note: "“农村低收入人口”取特困、低保、低保边缘、返贫致贫、监测对象五类（解释口径）",
  }),
  // P-CRIT-2
  p("critical.bands", [{ upTo: null, payRatio: "0.60" }], "P-CRIT-6", "local", "§三(六)", "政策范围内支付比例稳定在60%左右", {
    note: "文件为“60%左右”，示例取一段60%",
  }),
  p("critical.tilt.categories", ["TEKUN", "DIBAO", "FANPIN"], "P-CRIT-2", "document", "§三(六)", "对特困人员、低保对象和返贫致贫人口实施起付线降低50%、报销比例提高5个百分点"),
  p("critical.tilt.deductibleFactor", "0.5", "P-CRIT-2", "document", "§三(六)", "起付线降低50%"),
  p("critical.tilt.ratioPoints", "0.05", "P-CRIT-2", "document", "§三(六)", "报销比例提高5个百分点"),
  p("critical.tilt.noCap", false, "P-CRIT-2", "interpretation", "§三(六)", "逐步取消封顶线", {
    note: "“逐步取消”：本文件本身未取消封顶线，由地方文件取消（彭水2023取消）",
  }),
  // P-ASSIST-7 / -10 / -5
  ...(["TEKUN", "DIBAO", "FANPIN"] as const).map((c) =>
    p(`assistance.ratio.${c}`, "0.70", "P-ASSIST-7", "document", "§三(七)", "救助比例可由各地按不低于70%的比例确定", {
      note: "文件规定不低于70%，取下限",
    }),
  ),
  ...(["DIBIAN", "JIANCE", "YINBING"] as const).map((c) =>
    p(`assistance.ratio.${c}`, "0.65", "P-ASSIST-10", "local", "§三(七)", "其他农村低收入人口救助比例略低于低保对象"),
  ),
  ...(["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "NONE"] as const).map((c) =>
    p(`assistance.deductible.${c}`, "0.00", "P-ASSIST-10", "local", LOCAL),
  ),
  p("assistance.annualLimit", "100000.00", "P-ASSIST-10", "local", "§三(七)", "合理确定救助水平和年度救助限额"),
  p("assistance.otherDisease.kinds", ["inpatient"], "P-ASSIST-7", "document", "§三(七)", "政策范围内个人自付住院医疗费用"),
  p("assistance.otherDisease.minHospitalLevel", 0, "P-ASSIST-7", "document", "§三(七)", "政策范围内个人自付住院医疗费用"),
  // P-PS-2
  p("subsidy.ratio.tier1.TEKUN", "1.00", "P-PS-2", "document", "§二(一)", "对特困人员给予全额资助"),
  p("subsidy.fixedAmount.DIBAO", "200.00", "P-PS-5", "local", "§二(一)", "定额资助标准由各省（自治区、直辖市）确定"),
  p("subsidy.fixedAmount.JIANCE", "150.00", "P-PS-5", "local", "§二(一)", "享受一定期限的定额资助政策"),
  p("subsidy.fixedAmount.FANPIN", "150.00", "P-PS-5", "local", "§二(一)", "乡村振兴部门认定的返贫致贫人口，过渡期内按规定享受资助参保政策"),
  // 个人缴费标准: dated versions (national minimums of each year; 示例值 here).
  ...(
    [
      ["2021-01-29", "2021-12-31", "320.00"],
      ["2022-01-01", "2022-12-31", "350.00"],
      ["2023-01-01", "2023-12-31", "380.00"],
      ["2024-01-01", "2025-12-31", "400.00"],
    ] as const
  ).flatMap(([from, to, v]) => [
    p("subsidy.individualContribution.tier1", v, "P-PS-5", "local", LOCAL, "", { from, to }),
    p("subsidy.individualContribution.tier2", v, "P-PS-5", "local", LOCAL, "", {
      from,
      to,
      note: "全国文件不分档，二档取与一档相同的示例值",
    }),
  ]),
  p("categoryPriority", priority, "P-ID-I1", "interpretation", "§三(七)", "其他农村低收入人口救助比例略低于低保对象"),
];

export const national2021: PolicySet = {
  code: "national-2021",
  document: meta.document,
  title: "关于巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略的实施意见",
  regionCode: "000000",
  regionName: "全国",
  effectiveFrom: meta.effectiveFrom,
  effectiveTo: meta.effectiveTo,
  publishedOn: meta.publishedOn,
  parent: null,
  previous: null,
  seed: meta.seed,
  categories: ["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "NONE"],
  categoryPriority: priority,
  parameters: withNeutralDefaults(meta, priority, own),
  supersedes: [],
  note: "5年过渡期（2021—2025年）；门户默认不设截止日，由地方文件覆盖",
  rules: [
    r("P-BASIC-1", "医保只在“三个目录”（药品、诊疗项目、医疗服务设施）范围内支付，目录外费用和先行自付部分由个人承担。", "§三(七)", "严格执行基本医保“三个目录”规定", []),
    r("P-BASIC-2", "基本医保住院按医院等级设起付线和支付比例，并设年度最高支付限额；具体数值由各地确定，门户使用示例值。", "§三(五)", "巩固住院待遇保障水平", ["basic.deductible.level2", "basic.payRatio.tier1.level2", "basic.annualCap.tier1"], "local"),
    r("P-BASIC-4", "基本医保对所有参保人一视同仁，不再按人员类别提高报销比例；县域内住院政策范围内报销比例约70%是统计目标，不是计算规则。", "§二(二)、§三(五)", "基本医保实施公平普惠保障政策", ["basic.tilt.categories"], "document", {
      inpatientPayRateTarget: "0.70",
    }),
    r("P-BASIC-5", "农村低收入人口在省内按规定转诊住院，起付线连续计算：转入医院只收两家医院起付线的差额。", "§四(十二)", "住院起付线连续计算", ["basic.referralContinuity.categories"]),
    r("P-CRIT-2", "大病保险起付线为上年居民人均可支配收入的50%，报销比例约60%；特困人员、低保对象、返贫致贫人口起付线减半、比例提高5个百分点，逐步取消封顶线。", "§三(六)", "对特困人员、低保对象和返贫致贫人口实施起付线降低50%、报销比例提高5个百分点、逐步取消封顶线的倾斜保障政策", ["critical.deductible", "critical.bands", "critical.tilt.categories", "critical.tilt.deductibleFactor", "critical.tilt.ratioPoints", "critical.tilt.noCap"]),
    r("P-CRIT-6", "大病保险的一般起付线、分段比例和封顶线由各地确定；起付线取当地上年居民人均可支配收入的一半，由管理员逐年录入。", "§三(六)", "起付线降低并统一至当地上年居民人均可支配收入的50%", ["critical.deductible", "critical.bands", "critical.annualCap"], "local"),
    r("P-CRIT-I1", "基本医保起付线以下由个人支付的费用，也计入大病保险的累计费用。", "§三(六)", "", ["critical.baseIncludesBasicDeductible"], "interpretation"),
    r("P-CRIT-I2", "住院和门诊慢特病费用计入大病保险；普通门诊不计入。", "§三(六)", "", ["critical.includesKinds"], "interpretation"),
    r("P-ASSIST-1", "先保险后救助：医疗救助针对经基本医保、大病保险支付后个人仍需负担的政策范围内费用。", "§三(八)", "对其经基本医保、大病保险支付后，符合规定的个人自付费用酌情予以救助", []),
    r("P-ASSIST-5", "门诊和住院救助共用一个年度救助限额。", "§三(七)", "门诊和住院救助共用年度救助限额", ["assistance.annualLimit"]),
    r("P-ASSIST-7", "特困人员、低保对象、返贫致贫人口住院政策范围内个人自付费用，年度限额内救助比例不低于70%；其他农村低收入人口略低于低保对象。", "§三(七)", "救助比例可由各地按不低于70%的比例确定", ["assistance.ratio.TEKUN", "assistance.ratio.DIBAO", "assistance.ratio.FANPIN", "assistance.ratio.DIBIAN", "assistance.ratio.JIANCE"]),
    r("P-ASSIST-10", "年度救助限额、其他农村低收入人口的具体救助比例由各地确定，门户使用示例值。", "§三(七)", "合理确定救助水平和年度救助限额", ["assistance.annualLimit", "assistance.ratio.DIBIAN", "assistance.ratio.JIANCE"], "local"),
    r("P-ASSIST-I3", "是否按规定转诊以结算请求中的转诊情况为准：县内就医或无需转诊的为“无需转诊”，只有“未按规定转诊”的就诊不享受救助（保险照常支付）。", "§四(十一)", "引导居民有序合理就医", [], "interpretation"),
    r("P-PS-2", "特困人员全额资助参保，低保对象定额资助，纳入监测的脱贫不稳定人口过渡期内可享受一定期限的定额资助，稳定脱贫人口不再资助；定额标准由各省确定。", "§二(一)", "对特困人员给予全额资助，对低保对象给予定额资助", ["subsidy.ratio.tier1.TEKUN", "subsidy.fixedAmount.DIBAO", "subsidy.fixedAmount.JIANCE"]),
    r("P-PS-5", "个人缴费标准和定额资助金额由当地确定，门户使用示例值。", "§二(一)", "定额资助标准由各省（自治区、直辖市）确定", ["subsidy.individualContribution.tier1", "subsidy.individualContribution.tier2"], "local"),
    r("P-ID-2", "同时具有多种身份的人员，只按待遇最高的一个类别享受，不重复享受。", "§二(一)", "", ["categoryPriority"], "interpretation"),
    r("P-ID-I1", "“待遇最高”按本政策明确的类别优先顺序确定：特困人员 > 低保对象 > 返贫致贫人口 > 监测对象 > 低保边缘家庭成员 > 因病致贫重病患者 > 普通参保人（监测对象另有定额资助参保，故排在低保边缘家庭成员之前）。", "—", "", ["categoryPriority"], "interpretation"),
    r("P-MON-1", "对经基本医保、大病保险支付后个人负担较重的人员做好因病返贫致贫风险监测，及时预警，工作人员可据此启动依申请救助。", "§三(八)", "做好因病返贫致贫风险监测", ["monitoring.alert.incomeRatio"]),
    r("P-MON-2", "预警标准由地方确定；示例：年度经基本医保、大病保险支付后政策范围内个人自付超过上年农村居民人均可支配收入的50%。", "§三(八)", "分类明确因病返贫和因病致贫监测标准", ["monitoring.alert.incomeRatio", "monitoring.priorYearRuralIncome"], "local"),
    r("P-MON-3", "健全农村低收入人口医保综合保障信息台账。", "§五(十五)", "健全农村低收入人口医保综合保障信息台账", []),
    r("P-APP-1", "发生高额医疗费用的易返贫致贫人口和因病导致基本生活严重困难的大病患者，可以申请救助；经基本医保、大病保险支付后，符合规定的个人自付费用酌情救助。", "§三(八)", "建立依申请救助机制", []),
    r("P-SVC-3", "异地就医备案线上办理。", "§四(九)", "基本实现异地就医备案线上办理", []),
  ],
};
