/** The catalogue as data: schema, citations, inheritance, dates, and the rules the engine does not compute. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { POLICY_SETS } from "./catalogue";
import {
  ALL_KEYS,
  describePolicySet,
  effectiveRules,
  EngineError,
  getPolicySet,
  listChanges,
  listPolicySets,
  parameterEntry,
  POLICY_BOOK_RULE_IDS,
  policySetForRegion,
  resolveParameters,
  SEED_FILES,
  validateCatalogue,
  type CategoryCode,
  type PolicySet,
} from "./index";

// The seeds ship with the project; the spec folder sits beside the checkout on developer machines.
const SEEDS_DIR = path.resolve(__dirname, "seeds");
const SPEC_DIR = path.resolve(__dirname, "../../../shared/spec");
const clone = (): PolicySet[] => JSON.parse(JSON.stringify(POLICY_SETS)) as PolicySet[];
const set = (sets: PolicySet[], code: string) => sets.find((s) => s.code === code) as PolicySet;

/** Keys of settlement-contract.md's "Parameter keys" table. */
const CONTRACT_KEYS = [
  ...[0, 1, 2, 3].map((l) => `basic.deductible.level${l}`),
  "basic.deductible.outpatientSpecial", "basic.deductible.outpatientGeneral",
  ...[1, 2].flatMap((t) => [...[0, 1, 2, 3].map((l) => `basic.payRatio.tier${t}.level${l}`), `basic.payRatio.tier${t}.outpatientSpecial`, `basic.payRatio.tier${t}.outpatientGeneral`]),
  "basic.locationRatioCut.city", "basic.locationRatioCut.province", "basic.locationRatioCut.out_of_province",
  "basic.annualCap.tier1", "basic.annualCap.tier2",
  "basic.tilt.categories", "basic.tilt.deductibleFactor", "basic.tilt.ratioPoints", "basic.tilt.hospitalLevels",
  "critical.deductible", "critical.bands", "critical.annualCap",
  "critical.tilt.categories", "critical.tilt.deductibleFactor", "critical.tilt.ratioPoints", "critical.tilt.noCap",
  "critical.baseIncludesBasicDeductible", "critical.includesKinds", "basic.referralContinuity.categories",
  ...["TEKUN", "DIBAO", "DIBIAN", "YINBING", "FANPIN", "JIANCE", "YOUFU", "ZHONGCAN"].flatMap((c) => [`assistance.ratio.${c}`, `assistance.deductible.${c}`, `tilted.threshold.${c}`, `subsidy.ratio.tier1.${c}`]),
  "assistance.annualLimit", "assistance.otherDisease.annualLimit", "assistance.otherDisease.minPolicyRangeCost",
  "assistance.otherDisease.minHospitalLevel", "assistance.otherDiseaseLimitIsSubLimit",
  "tilted.payRatio", "tilted.annualLimit", "tilted.ratioAppliesTo",
  "subsidy.individualContribution.tier1", "subsidy.individualContribution.tier2", "categoryPriority",
];

describe("schema check", () => {
  test("the bundled catalogue has no problems", () => {
    expect(validateCatalogue(POLICY_SETS, SEED_FILES)).toEqual([]);
  });

  test("every contract key exists in every set (own or inherited)", () => {
    for (const s of POLICY_SETS) {
      const resolved = resolveParameters(s.code, s.effectiveFrom);
      for (const k of CONTRACT_KEYS) expect(resolved[k], `${s.code} ${k}`).toBeDefined();
    }
    for (const k of CONTRACT_KEYS) expect(ALL_KEYS).toContain(k);
  });

  test.each([
    ["an unknown key", (s: PolicySet[]) => set(s, "cq-2018").parameters.push({ ...set(s, "cq-2018").parameters[0]!, key: "basic.magic" }), "unknown key"],
    ["a ruleId not in the policy book", (s: PolicySet[]) => { set(s, "cq-2018").parameters[0]!.ruleId = "P-BASIC-99"; }, "not in policy book"],
    ["a missing parent", (s: PolicySet[]) => { set(s, "pengshui-2023").parent = "chongqing-2022"; }, "parent chongqing-2022 missing"],
    ["a missing seed file", (s: PolicySet[]) => { set(s, "jilin-2019").parameters[0]!.citation.seed = "005_missing.txt"; }, "seed 005_missing.txt missing"],
    ["overlapping versions of one key", (s: PolicySet[]) => {
      const p = set(s, "pengshui-2023").parameters.find((e) => e.key === "critical.deductible")!;
      set(s, "pengshui-2023").parameters.push({ ...p, effectiveFrom: "2024-06-01", effectiveTo: "2024-06-30" });
    }, "overlaps"],
    ["a missing contract key", (s: PolicySet[]) => {
      const w = set(s, "wenzhou-2019");
      w.parameters = w.parameters.filter((e) => e.key !== "tilted.ratioAppliesTo");
    }, "missing key tilted.ratioAppliesTo"],
    ["a local value without the example flag", (s: PolicySet[]) => {
      const e = set(s, "national-2021").parameters.find((x) => x.provenance === "local")!;
      delete e.exampleValue;
    }, "example-value flag"],
    ["a document value without a quote", (s: PolicySet[]) => {
      set(s, "pengshui-2023").parameters.find((x) => x.provenance === "document")!.citation.quote = "";
    }, "without quote"],
  ])("fails on %s", (_l, mutate, problem) => {
    const sets = clone();
    mutate(sets);
    const problems = validateCatalogue(sets, SEED_FILES);
    expect(problems.some((p) => p.includes(problem)), problems.join("\n")).toBe(true);
  });

  test("the policy book's rule list matches the spec file", () => {
    const file = path.join(SPEC_DIR, "policy-book.md");
    if (!existsSync(file)) return;
    const ids = [...new Set(readFileSync(file, "utf8").match(/P-[A-Z]+-I?[0-9]+/g))].sort();
    expect([...POLICY_BOOK_RULE_IDS].sort()).toEqual(ids);
  });

  test("every quote is verbatim in its seed (whitespace and markdown ignored)", () => {
    const norm = (s: string) => s.replace(/[\s*]/g, "");
    const texts = new Map<string, string>(SEED_FILES.map((f) => [f, norm(readFileSync(path.join(SEEDS_DIR, f), "utf8"))]));
    for (const s of POLICY_SETS) {
      for (const q of [...s.parameters.map((p) => p.citation), ...s.rules.map((r) => ({ seed: r.seed, quote: r.quote }))]) {
        if (q.quote) expect(texts.get(q.seed), `${s.code}: ${q.quote}`).toContain(norm(q.quote));
      }
    }
  });

  test("every local parameter carries the 示例值，非文件规定 label", () => {
    for (const s of POLICY_SETS) for (const p of s.parameters) if (p.provenance === "local") expect(p.exampleValue).toBe("示例值，非文件规定");
  });
});

describe("sets, dates, inheritance", () => {
  test("five sets with their metadata", () => {
    expect(listPolicySets().map((s) => [s.code, s.regionCode, s.document])).toEqual([
      ["cq-2018", "500000", "渝医保发〔2018〕23号"],
      ["jilin-2019", "220000", "吉医保联〔2019〕3号"],
      ["wenzhou-2019", "330300", "温医保发〔2019〕13号"],
      ["national-2021", "000000", "医保发〔2021〕6号"],
      ["pengshui-2023", "500243", "彭水府办发〔2023〕52号"],
    ]);
    expect(getPolicySet("pengshui-2023").parent).toBe("national-2021");
    expect(() => getPolicySet("nowhere")).toThrow(EngineError);
  });

  test("policySetForRegion picks the most specific jurisdiction in force", () => {
    expect(policySetForRegion("500243", "2023-05-30").code).toBe("pengshui-2023");
    expect(policySetForRegion("500243", "2023-05-29").code).toBe("national-2021");
    expect(policySetForRegion("500243", "2020-12-31").code).toBe("cq-2018");
    expect(policySetForRegion("330381", "2019-11-01").code).toBe("wenzhou-2019");
    expect(policySetForRegion("330100", "2022-01-01").code).toBe("national-2021");
    expect(() => policySetForRegion("330100", "2019-11-01")).toThrowError(/没有施行中的政策/);
  });

  test("a date outside the set is POLICY_NOT_IN_FORCE; outside every version of a key is PARAMETER_NOT_IN_FORCE", () => {
    expect(() => resolveParameters("wenzhou-2019", "2021-01-01")).toThrowError(/施行期/);
    try {
      parameterEntry("pengshui-2023", "critical.deductible", "2027-01-01");
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).code).toBe("PARAMETER_NOT_IN_FORCE");
      expect((e as EngineError).message).toContain("该参数尚无2027年数值");
    }
    expect(parameterEntry("national-2021", "subsidy.individualContribution.tier1", "2022-06-01").value).toBe("350.00");
    expect(parameterEntry("national-2021", "subsidy.individualContribution.tier1", "2024-06-01").value).toBe("400.00");
  });

  test("pengshui inherits single keys from national-2021 and overrides others", () => {
    const d = describePolicySet("pengshui-2023");
    const row = (k: string) => d.parameters.find((r) => r.key === k);
    expect(row("basic.deductible.level2")).toMatchObject({ status: "inherited", origin: "national-2021" });
    expect(row("critical.tilt.noCap")).toMatchObject({ status: "overridden", origin: "pengshui-2023" });
    expect(resolveParameters("pengshui-2023", "2024-01-01")["critical.tilt.noCap"]?.value).toBe(true);
    expect(resolveParameters("national-2021", "2024-01-01")["critical.tilt.noCap"]?.value).toBe(false);
    expect(d.changes.against).toBe("national-2021");
    expect(d.changes.parameters.map((c) => c.key)).toEqual(expect.arrayContaining(["critical.tilt.noCap", "assistance.ratio.DIBAO", "tilted.threshold.TEKUN"]));
    expect(d.changes.parameters.map((c) => c.key)).not.toContain("basic.deductible.level2");
    expect(d.rules.map((r) => r.ruleId)).toEqual(expect.arrayContaining(["P-CRIT-3", "P-BASIC-4", "P-BASIC-5", "P-TILT-2"]));
    expect(d.rules.map((r) => r.ruleId)).not.toContain("P-CRIT-2");
    expect(listChanges("pengshui-2023", "cq-2018").rulesRemoved).toContain("P-BASIC-3");
  });
});

describe("P-ID-I1 the priority order agrees with the parameters", () => {
  // A category is at least as favourable as another when every dimension is ≥: assistance ratio,
  // tilted threshold (lower is better, null worst), premium subsidy (ratio, then fixed amount),
  // critical-illness tilt (in the tilt list, then no cap).
  function profile(code: string, date: string, c: CategoryCode): number[] {
    const r = resolveParameters(code, date);
    const v = (k: string) => r[k]?.value;
    const num = (x: unknown, nullAs: number) => (x === null || x === undefined ? nullAs : Number(x as string));
    const tiltCats = v("critical.tilt.categories") as string[];
    const noCap = (tiltCats.includes(c) && v("critical.tilt.noCap") === true) || (v("critical.noCap.categories") as string[]).includes(c);
    return [
      num(v(`assistance.ratio.${c}`), -1),
      -num(v(`tilted.threshold.${c}`), 1e12),
      num(v(`subsidy.ratio.tier1.${c}`), 0) * 1e6 + num(v(`subsidy.fixedAmount.${c}`), 0),
      (tiltCats.includes(c) ? 2 : 0) + (noCap ? 1 : 0),
    ];
  }
  test.each(POLICY_SETS.map((s) => [s.code] as const))("P-ID-I1 %s: no category ranks above one that dominates it", (code) => {
    const s = getPolicySet(code);
    const date = s.effectiveFrom;
    const order = resolveParameters(code, date).categoryPriority?.value as CategoryCode[];
    expect(order).toEqual(s.categoryPriority);
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const hi = profile(code, date, order[i]!);
        const lo = profile(code, date, order[j]!);
        const geq = lo.every((x, k) => x >= hi[k]!);
        const gt = lo.some((x, k) => x > hi[k]!);
        expect(geq && gt, `${order[j]} dominates ${order[i]} in ${code}`).toBe(false);
      }
    }
  });

  test("P-ID-I1 pengshui order is TEKUN > DIBAO > FANPIN > DIBIAN > JIANCE > YINBING > YOUFU > ZHONGCAN > NONE", () => {
    expect(getPolicySet("pengshui-2023").categoryPriority).toEqual(["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "YOUFU", "ZHONGCAN", "NONE"]);
  });
});

describe("rules carried as catalogue data (registry, monitoring, applications, services)", () => {
  const rule = (code: string, id: string) => effectiveRules(code).find((r) => r.ruleId === id);

  test("P-ID-1 pengshui: departments report by the 5th (holidays move it), with their categories", () => {
    const r = rule("pengshui-2023", "P-ID-1");
    expect(r?.data).toMatchObject({ deadlineDay: 5, holidayRule: "next_working_day", departments: { MINZHENG: ["TEKUN", "DIBAO", "DIBIAN", "YINBING"], XIANGCUN: ["FANPIN", "JIANCE"], TUIYI: ["YOUFU"], CANLIAN: ["ZHONGCAN"] } });
    expect(r?.quote).toContain("每月5日前");
    expect(parameterEntry("pengshui-2023", "registry.submissionDeadlineDay", "2024-01-01").value).toBe(5);
  });

  test("P-ID-2 merge within 5 working days, one category (就高不重复)", () => {
    expect(rule("pengshui-2023", "P-ID-2")?.data).toEqual({ withinWorkingDays: 5 });
    expect(rule("pengshui-2023", "P-ID-2")?.quote).toContain("就高不重复");
  });

  test("P-ID-3 jilin: changes by the 10th, compared list by the 20th, reports by the 15th", () => {
    expect(rule("jilin-2019", "P-ID-3")?.data).toEqual({ departmentDeadlineDay: 10, distributionDeadlineDay: 20, reportDeadlineDay: 15 });
    expect(parameterEntry("jilin-2019", "registry.submissionDeadlineDay", "2020-01-01").value).toBe(10);
  });

  test("P-ID-4 wenzhou: entered in the month the list arrives", () => {
    expect(rule("wenzhou-2019", "P-ID-4")?.data).toEqual({ entryDeadline: "same_month" });
  });

  test.each([
    ["P-MON-1", "pengshui-2023"], ["P-MON-1", "wenzhou-2019"], ["P-MON-3", "cq-2018"], ["P-MON-3", "jilin-2019"], ["P-MON-4", "cq-2018"],
    ["P-APP-1", "pengshui-2023"], ["P-APP-2", "pengshui-2023"], ["P-APP-3", "pengshui-2023"],
    ["P-SVC-1", "cq-2018"], ["P-SVC-1", "wenzhou-2019"], ["P-SVC-2", "pengshui-2023"], ["P-SVC-3", "national-2021"],
    ["P-BASIC-6", "cq-2018"], ["P-BASIC-6", "wenzhou-2019"], ["P-PS-4", "wenzhou-2019"], ["P-ASSIST-10", "national-2021"],
    ["P-CRIT-6", "jilin-2019"], ["P-SUPP-2", "wenzhou-2019"], ["P-PS-5", "pengshui-2023"],
  ])("%s is in the %s rule catalogue with its clause and seed", (id, code) => {
    const r = rule(code, id);
    expect(r).toBeDefined();
    expect(r?.statement.length).toBeGreaterThan(5);
    expect(SEED_FILES).toContain(r?.seed);
  });

  test("P-MON-2 the alert threshold is a local example value (50% of prior-year rural income)", () => {
    const e = parameterEntry("pengshui-2023", "monitoring.alert.incomeRatio", "2024-01-01");
    expect(e).toMatchObject({ value: "0.50", provenance: "local", exampleValue: "示例值，非文件规定" });
  });

  test("P-MON-4 report targets: enrolment 100%, assistance share ≥ 70%", () => {
    expect(rule("cq-2018", "P-MON-4")?.data).toEqual({ targets: { enrolmentRate: "1.00", assistanceShareOfPolicyRangeSelfPay: "0.70" } });
  });

  test("P-BASIC-6 coverage start: next day (cq-2018), next month (wenzhou-2019)", () => {
    expect(parameterEntry("cq-2018", "basic.coverageStart", "2019-01-01").value).toBe("nextDay");
    expect(parameterEntry("wenzhou-2019", "basic.coverageStart", "2020-01-01").value).toBe("nextMonth");
  });

  test("P-BASIC-4 national: the basic tilt is neutral by document", () => {
    expect(parameterEntry("national-2021", "basic.tilt.categories", "2022-01-01")).toMatchObject({ value: [], provenance: "document", ruleId: "P-BASIC-4" });
  });

  test("P-CRIT-5 jilin no-cap version is dated 2019-01-01 … 2020-12-31", () => {
    expect(parameterEntry("jilin-2019", "critical.noCap.categories", "2020-06-01")).toMatchObject({ effectiveFrom: "2019-01-01", effectiveTo: "2020-12-31" });
  });

  test("every policy-book rule id is carried by some set's rules or parameters", () => {
    const seen = new Set<string>();
    for (const s of POLICY_SETS) {
      for (const p of s.parameters) seen.add(p.ruleId);
      for (const r of s.rules) seen.add(r.ruleId);
    }
    expect(POLICY_BOOK_RULE_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});
