/** 温医保发〔2019〕13号 (seed 003): Wenzhou's 2019 plan, with the optional supplementary tier. */
import { entryBuilder, exampleLocalValues, ruleBuilder, withNeutralDefaults, type SetMeta } from "../build";
import type { CategoryCode, PolicySet } from "../types";

const meta: SetMeta = {
  document: "温医保发〔2019〕13号",
  seed: "003_13f170797cca596c.txt",
  effectiveFrom: "2019-10-31",
  effectiveTo: "2020-12-31",
  publishedOn: "2019-10-31",
};
const p = entryBuilder(meta);
const r = ruleBuilder(meta);

const priority: CategoryCode[] = ["TEKUN", "DIBAO", "DIBIAN", "YINBING", "JIANDANG", "NONE"];
const LOCAL = "（文件未规定具体数值，由各地确定）";
const POOR: CategoryCode[] = ["TEKUN", "DIBAO", "DIBIAN", "YINBING", "JIANDANG"];
const Q_TILT = "贫困人员起付线降低50%，支付比例提高5个百分点";

const own = [
  ...exampleLocalValues(meta, LOCAL, ["critical.deductible"]),
  p("basic.coverageStart", "nextMonth", "P-BASIC-6", "document", "§三(三)", "新增资助参保对象，统一于资助参保后，次月生效"),
  p("critical.deductible", "25000.00", "P-CRIT-6", "local", "§三(四)", "原则上按上一年度居民人均可支配收入的50%确定"),
  p("critical.bands", [{ upTo: null, payRatio: "0.60" }], "P-CRIT-4", "document", "§三(四)", "政策范围内报销比例应达到60%", { note: "“应达到60%”，取60%" }),
  p("critical.tilt.categories", POOR, "P-CRIT-4", "interpretation", "§三(一)", "特困供养人员；最低生活保障家庭成员；最低生活保障边缘家庭成员；纳入低保、低边的因病致贫等对象", {
    note: "“贫困人员”按§三(一)的范围，另含建档立卡贫困人员",
  }),
  p("critical.tilt.deductibleFactor", "0.5", "P-CRIT-4", "document", "§三(四)", Q_TILT),
  p("critical.tilt.ratioPoints", "0.05", "P-CRIT-4", "document", "§三(四)", Q_TILT),
  p("critical.tilt.noCap", false, "P-CRIT-4", "document", "§三(四)", "全面取消建档立卡贫困人员大病保险封顶线", { note: "只对建档立卡贫困人员取消封顶线，见 critical.noCap.categories" }),
  p("critical.noCap.categories", ["JIANDANG"], "P-CRIT-4", "document", "§三(四)", "全面取消建档立卡贫困人员大病保险封顶线"),
  p("supplementary.categories", POOR, "P-SUPP-1", "interpretation", "§三(六)", "实施低收入农户医疗补充保险", { note: "“低收入农户”取贫困人员各类别（解释口径）" }),
  p("supplementary.deductible", "0.00", "P-SUPP-2", "local", "§三(六)", "逐步提高低收入农户医疗补充保险保费并增加赔付条款"),
  p("supplementary.payRatio", "0.50", "P-SUPP-2", "local", "§三(六)", "逐步提高低收入农户医疗补充保险保费并增加赔付条款"),
  p("supplementary.annualCap", "50000.00", "P-SUPP-2", "local", "§三(六)", "逐步提高低收入农户医疗补充保险保费并增加赔付条款"),
  p("assistance.ratio.TEKUN", "1.00", "P-ASSIST-9", "document", "§三(五)", "全额解决特困供养人员住院基本医疗费用"),
  p("assistance.ratio.DIBAO", "0.70", "P-ASSIST-9", "document", "§三(五)", "最低生活保障家庭成员住院自负合规医疗费用救助比例不低于70%"),
  p("assistance.ratio.DIBIAN", "0.60", "P-ASSIST-9", "document", "§三(五)", "最低生活保障边缘家庭成员住院自负合规医疗费用救助比例不低于60%"),
  p("assistance.ratio.YINBING", "0.50", "P-ASSIST-9", "document", "§三(五)", "因病致贫人员和当地政府规定的其他救助对象住院自负合规医疗费用救助比例不低于50%"),
  p("assistance.deductible.TEKUN", "0.00", "P-ASSIST-9", "interpretation", "§三(五)", "全额解决特困供养人员住院基本医疗费用"),
  p("assistance.deductible.DIBAO", "0.00", "P-ASSIST-9", "document", "§三(五)", "最低生活保障家庭成员不设医疗救助起付线"),
  p("assistance.deductible.DIBIAN", "2000.00", "P-ASSIST-10", "local", "§三(五)", "逐步取消最低生活保障边缘家庭成员的医疗救助起付线"),
  p("assistance.deductible.YINBING", "10000.00", "P-ASSIST-10", "local", "§三(五)", "一般不高于上年度城乡居民人均收入水平"),
  p("assistance.annualLimit", "80000.00", "P-ASSIST-9", "document", "§三(五)", "年度救助封顶线为8万元"),
  p("assistance.otherDisease.kinds", ["inpatient", "outpatient_general"], "P-ASSIST-9", "interpretation", "§三(五)", "通过定额救助或与住院同比例救助等方式，并设置封顶线", {
    note: "门诊按与住院同比例救助，共用8万元封顶线（解释口径）",
  }),
  ...(["TEKUN", "DIBAO", "DIBIAN"] as const).map((c) =>
    p(`subsidy.ratio.tier1.${c}`, c === "DIBIAN" ? "0.50" : "1.00", "P-PS-4", "local", "§三(三)", "按规定予以补助"),
  ),
  p("subsidy.individualContribution.tier1", "300.00", "P-PS-5", "local", LOCAL),
  p("subsidy.individualContribution.tier2", "300.00", "P-PS-5", "local", LOCAL, "", { note: "不分档，二档取一档示例值" }),
  p("categoryPriority", priority, "P-ID-I1", "interpretation", "§三(一)", "特困供养人员；最低生活保障家庭成员；最低生活保障边缘家庭成员"),
];

export const wenzhou2019: PolicySet = {
  code: "wenzhou-2019",
  document: meta.document,
  title: "关于进一步做好医疗保障精准扶贫工作的实施方案",
  regionCode: "330300",
  regionName: "温州市",
  effectiveFrom: meta.effectiveFrom,
  effectiveTo: meta.effectiveTo,
  publishedOn: meta.publishedOn,
  parent: null,
  previous: null,
  seed: meta.seed,
  categories: ["TEKUN", "DIBAO", "DIBIAN", "YINBING", "JIANDANG", "NONE"],
  categoryPriority: priority,
  parameters: withNeutralDefaults(meta, priority, own),
  supersedes: [],
  rules: [
    r("P-BASIC-2", "基本医保起付线、支付比例、年度限额执行当地标准，门户使用示例值。", "—", "", ["basic.deductible.level2", "basic.payRatio.tier1.level2"], "local"),
    r("P-BASIC-6", "新增资助参保对象从资助参保的次月起生效。", "§三(三)", "新增资助参保对象，统一于资助参保后，次月生效", ["basic.coverageStart"]),
    r("P-CRIT-4", "大病保险起付线按上年居民人均可支配收入的50%确定，报销比例达到60%；贫困人员起付线减半、比例提高5个百分点；建档立卡贫困人员不设封顶线。", "§三(四)", Q_TILT, ["critical.deductible", "critical.bands", "critical.tilt.categories", "critical.noCap.categories"]),
    r("P-CRIT-6", "大病保险起付线的具体金额按当地上年收入确定，门户使用示例值。", "§三(四)", "原则上按上一年度居民人均可支配收入的50%确定", ["critical.deductible", "critical.annualCap"], "local"),
    r("P-CRIT-I1", "基本医保起付线以下由个人支付的费用，也计入大病保险的累计费用。", "—", "", ["critical.baseIncludesBasicDeductible"], "interpretation"),
    r("P-CRIT-I2", "住院和门诊慢特病费用计入大病保险；普通门诊不计入。", "—", "", ["critical.includesKinds"], "interpretation"),
    r("P-SUPP-1", "低收入农户医疗补充保险在大病保险之后、医疗救助之前支付；医疗救助按扣除补充保险后的个人负担计算。", "§三(五)、§三(六)", "扣除基本医保、大病保险和其他补充医疗保险补偿后的个人负担部分", ["supplementary.categories"]),
    r("P-SUPP-2", "补充保险的起付线、比例、限额由保险条款确定，门户使用示例值。", "§三(六)", "逐步提高低收入农户医疗补充保险保费并增加赔付条款", ["supplementary.deductible", "supplementary.payRatio", "supplementary.annualCap"], "local"),
    r("P-ASSIST-9", "特困供养人员住院政策范围内自付全额救助；低保对象不低于70%且不设起付线；低保边缘家庭成员不低于60%（起付线逐步取消）；因病致贫人员等不低于50%（起付线不高于上年人均收入）；年度封顶8万元；门诊按定额或与住院同比例救助；罕见病专项救助；分段救助，负担越大比例越高。", "§三(五)、§四(二)", "年度救助封顶线为8万元", ["assistance.ratio.TEKUN", "assistance.ratio.DIBAO", "assistance.ratio.DIBIAN", "assistance.ratio.YINBING", "assistance.annualLimit", "assistance.deductible.DIBAO"]),
    r("P-ASSIST-10", "低保边缘家庭成员、因病致贫人员的救助起付线和分段救助比例由各地确定，门户使用示例值（分段未建模：按各类别单一比例计算）。", "§四(二)", "个人负担费用数额越大，救助比例应当越高", ["assistance.deductible.DIBIAN", "assistance.deductible.YINBING"], "local"),
    r("P-PS-4", "特困供养人员、低保对象、低保边缘家庭成员等参保个人缴费按规定资助；新增对象次月生效；当年已参保的不退费、次年资助；退出对象当年继续有效、次年不再资助。", "§三(三)", "个人当年已参保的，不退保费，次年资助参保", ["subsidy.ratio.tier1.TEKUN", "subsidy.ratio.tier1.DIBAO", "subsidy.ratio.tier1.DIBIAN"], "document", {
      newEnroleeEffective: "nextMonth",
      alreadyPaidThisYear: "no_refund_subsidy_next_year",
      leavingCategory: "cover_this_year_no_subsidy_next_year",
    }),
    r("P-PS-5", "资助金额和个人缴费标准由当地确定，门户使用示例值。", "—", "", ["subsidy.individualContribution.tier1"], "local"),
    r("P-ID-4", "新认定或情况变更的贫困人员，按月报送，医保经办机构在名单报送的当月录入参保系统。", "§四(二)", "由医保经办机构于名单报送的当月录入参保系统", [], "document", { entryDeadline: "same_month" }),
    r("P-ID-I1", "“待遇最高”按明确顺序：特困 > 低保 > 低保边缘 > 因病致贫 > 建档立卡 > 普通参保人。", "—", "", ["categoryPriority"], "interpretation"),
    r("P-MON-1", "在医保结算系统中设置大额医疗费用预警提示，主动发现医疗支出过大的人员。", "§三(五)", "设置大额医疗费用预警提示", ["monitoring.alert.incomeRatio"]),
    r("P-SVC-1", "贫困人员统筹区内医疗费用报销一站式服务、一窗口办理、一单制结算。", "§三(七)", "一站式服务、一窗口办理、一单制结算", []),
  ],
};
