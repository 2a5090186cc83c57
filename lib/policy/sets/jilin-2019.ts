/** 吉医保联〔2019〕3号 (seed 004): Jilin's transmission of the national 2018–2020 plan. */
import { entryBuilder, exampleLocalValues, ruleBuilder, withNeutralDefaults, type SetMeta } from "../build";
import type { CategoryCode, PolicySet } from "../types";

const meta: SetMeta = {
  document: "吉医保联〔2019〕3号",
  seed: "004_2d9d9368fe56a4ab.txt",
  effectiveFrom: "2019-02-20",
  effectiveTo: "2020-12-31",
  publishedOn: "2019-03-20",
};
const p = entryBuilder(meta);
const r = ruleBuilder(meta);

const priority: CategoryCode[] = ["TEKUN", "JIANDANG", "NONE"];
const LOCAL = "（文件未规定具体数值，由各统筹地区确定）";
const POOR: CategoryCode[] = ["TEKUN", "JIANDANG"];

const own = [
  ...exampleLocalValues(meta, LOCAL),
  p("critical.bands", [{ upTo: null, payRatio: "0.60" }], "P-CRIT-6", "local", LOCAL),
  p("critical.noCap.categories", POOR, "P-CRIT-5", "document", "§二 二是", "2019年1月1日至2020年底，对农村贫困人口取消大病保险封顶线", {
    from: "2019-01-01",
    to: "2020-12-31",
  }),
  ...POOR.map((c) => p(`assistance.ratio.${c}`, "0.70", "P-ASSIST-8", "document", "§二 三是", "农村贫困人口政策范围内个人自付住院医疗费用救助比例不低于70%")),
  ...POOR.map((c) => p(`assistance.deductible.${c}`, "0.00", "P-ASSIST-10", "local", LOCAL)),
  p("assistance.annualLimit", "100000.00", "P-ASSIST-10", "local", "§二 三是", "到2020年要确保在年度救助限额内"),
  p("assistance.otherDisease.kinds", ["inpatient"], "P-ASSIST-8", "document", "§二 三是", "政策范围内个人自付住院医疗费用"),
  p("subsidy.individualContribution.tier1", "220.00", "P-PS-5", "local", LOCAL),
  p("subsidy.individualContribution.tier2", "220.00", "P-PS-5", "local", LOCAL),
  p("registry.submissionDeadlineDay", 10, "P-ID-3", "document", "§三 一是", "于每月10日前提供给本级医保部门"),
  p("categoryPriority", priority, "P-ID-I1", "interpretation", "§一 三是", "建档立卡贫困人口、特困供养人员等农村贫困人口"),
];

export const jilin2019: PolicySet = {
  code: "jilin-2019",
  document: meta.document,
  title: "省医疗保障局 省财政厅 省扶贫办关于转发《医疗保障扶贫三年行动实施方案（2018-2020年）》的通知",
  regionCode: "220000",
  regionName: "吉林省",
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
  note: "成文日期2019-02-20，发布日期2019-03-20",
  rules: [
    r("P-BASIC-2", "基本医保起付线、支付比例、年度限额执行各统筹地区标准，门户使用示例值。", "—", "", ["basic.deductible.level2", "basic.payRatio.tier1.level2"], "local"),
    r("P-CRIT-5", "2019年1月1日至2020年底，农村贫困人口（建档立卡贫困人口、特困供养人员）大病保险不设封顶线。", "§二 二是", "2019年1月1日至2020年底，对农村贫困人口取消大病保险封顶线", ["critical.noCap.categories"]),
    r("P-CRIT-6", "大病保险起付线、比例、封顶线执行各统筹地区标准，门户使用示例值。", "—", "", ["critical.deductible", "critical.bands", "critical.annualCap"], "local"),
    r("P-CRIT-I1", "基本医保起付线以下由个人支付的费用，也计入大病保险的累计费用。", "—", "", ["critical.baseIncludesBasicDeductible"], "interpretation"),
    r("P-CRIT-I2", "住院和门诊慢特病费用计入大病保险；普通门诊不计入。", "—", "", ["critical.includesKinds"], "interpretation"),
    r("P-ASSIST-8", "年度救助限额内，农村贫困人口政策范围内个人自付住院费用救助比例不低于70%。", "§二 三是", "农村贫困人口政策范围内个人自付住院医疗费用救助比例不低于70%", ["assistance.ratio.TEKUN", "assistance.ratio.JIANDANG"]),
    r("P-ASSIST-10", "年度救助限额由各统筹地区确定，门户使用示例值。", "—", "", ["assistance.annualLimit"], "local"),
    r("P-ID-3", "县级扶贫、民政部门每月10日前把人员变动信息提供给医保部门；医保部门比对后每月20日前提供给卫生健康部门和定点医院；月报、季报于次月15日前报省医疗保障局。", "§三 一是、二是", "于每月10日前提供给本级医保部门", ["registry.submissionDeadlineDay"], "document", {
      departmentDeadlineDay: 10,
      distributionDeadlineDay: 20,
      reportDeadlineDay: 15,
    }),
    r("P-ID-I1", "“待遇最高”按明确顺序：特困供养人员 > 建档立卡贫困人口 > 普通参保人。", "—", "", ["categoryPriority"], "interpretation"),
    r("P-MON-3", "对贫困人口参保和享受待遇情况实行台账管理。", "§三 二是", "对贫困人口参保并享受有关待遇情况进行台账管理", []),
    r("P-MON-4", "定期填报医疗保障扶贫工作进展（季报、月报），次月15日前报省医疗保障局。", "§三 二是", "于报表次月15日前报省医疗保障局", [], "document", { reportDeadlineDay: 15, targets: { enrolmentRate: "1.00" } }),
  ],
};
