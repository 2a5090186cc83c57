import { describe, expect, test } from "vitest";
import { EngineError } from "@/lib/policy/errors";
import { proposeOnApplication } from "./index";

const bill = (selfPay: string, over: Record<string, unknown> = {}) => ({
  hospitalName: "彭水县人民医院",
  visitDate: "2024-03-15",
  totalCost: "50000.00",
  insurancePaid: "30000.00",
  selfPay,
  ...over,
});
const request = (over: Record<string, unknown> = {}) => ({
  region: "500243",
  date: "2024-04-01",
  person: { categories: ["DIBAO"] },
  bills: [bill("12345.67"), bill("2000.00")],
  yearToDate: { assistancePaid: "0.00" },
  ...over,
});

describe("proposeOnApplication (依申请救助, P-APP, P-ASSIST-3/5) under pengshui-2023", () => {
  test("低保对象: Σ self-pay × 80%, rounded once to the fen", () => {
    const r = proposeOnApplication(request());
    expect(r.policy.code).toBe("pengshui-2023");
    expect(r).toMatchObject({ resolvedCategory: "DIBAO", base: "14345.67", ratio: "0.80", amount: "11476.54" }); // 14345.67 × 0.8 = 11476.536
    expect(r.steps.map((s) => s.ruleId)).toEqual(["P-APP-1", "P-ASSIST-3", "P-ASSIST-5"]);
    expect(r.steps[1]).toMatchObject({ formula: "14345.67 × 80% = 11476.536", provenance: "document", citation: { document: "彭水府办发〔2023〕52号", clause: "§二(三)2" } });
    expect(r.steps[2]!.formula).toBe("min(11476.536, 100000.00 − 0.00) = 11476.54");
    expect(r.steps[0]!.citation.clause).toBe("§三(八)"); // P-APP-1 comes from national-2021, inherited
    for (const s of r.steps) expect(s.explanation).toMatch(/[\u4e00-\u9fa5]/);
  });

  test("因病致贫重病患者 (the caller passes YINBING) at 70%; 就高不重复 with DIBAO picks DIBAO", () => {
    expect(proposeOnApplication(request({ person: { categories: ["YINBING"] } }))).toMatchObject({ resolvedCategory: "YINBING", ratio: "0.70", amount: "10041.97" }); // 10041.969
    expect(proposeOnApplication(request({ person: { categories: ["YINBING", "DIBAO"] } }))).toMatchObject({ resolvedCategory: "DIBAO", amount: "11476.54" });
  });

  test("在乡重点优抚对象 is another assisted person at 70% (P-ASSIST-I2, interpretation)", () => {
    const r = proposeOnApplication(request({ person: { categories: ["YOUFU"] } }));
    expect(r).toMatchObject({ ratio: "0.70", amount: "10041.97" });
    expect(r.steps[1]).toMatchObject({ ruleId: "P-ASSIST-I2", provenance: "interpretation" });
  });

  test("rounding happens once, on the sum: 0.01 + 0.01 at 70% is 0.01, not 0.02", () => {
    expect(proposeOnApplication(request({ person: { categories: ["YINBING"] }, bills: [bill("0.01"), bill("0.01")] })).amount).toBe("0.01");
  });

  test("the annual limit (100,000) is shared with what assistance already paid this year", () => {
    const r = proposeOnApplication(request({ bills: [bill("10000.00")], yearToDate: { assistancePaid: "95000.00" } }));
    expect(r.amount).toBe("5000.00");
    expect(r.steps[2]!.formula).toBe("min(8000, 100000.00 − 95000.00) = 5000.00");
    expect(proposeOnApplication(request({ yearToDate: { assistancePaid: "100000.00" } })).amount).toBe("0.00");
    expect(proposeOnApplication(request({ yearToDate: { assistancePaid: "123456.78" } })).amount).toBe("0.00");
    expect(proposeOnApplication(request({ bills: [bill("10000.00")], yearToDate: { assistancePaid: "92000.00" } })).amount).toBe("8000.00");
  });

  test("普通参保人 (NONE, no ratio) gets 0 with a step explaining why", () => {
    const r = proposeOnApplication(request({ person: { categories: [] } }));
    expect(r).toMatchObject({ resolvedCategory: "NONE", ratio: null, amount: "0.00", base: "14345.67" });
    expect(r.steps.map((s) => s.ruleId)).toEqual(["P-APP-1", "P-ASSIST-3"]);
    expect(r.steps[1]!.explanation).toContain("不是本政策的医疗救助对象");
    expect(r.steps[1]!.explanation).toContain("填写理由调整");
  });

  test("a category the policy does not know is warned about and ignored", () => {
    const r = proposeOnApplication(request({ person: { categories: ["JIANDANG"] } }));
    expect(r.resolvedCategory).toBe("NONE");
    expect(r.warnings.map((w) => w.code)).toContain("CATEGORY_NOT_IN_POLICY");
  });

  test.each([
    ["a negative self-pay", { bills: [bill("-1.00")] }, "bills[0].selfPay", "不能为负数"],
    ["three decimals", { bills: [bill("1.005")] }, "bills[0].selfPay", "最多保留两位小数"],
    ["a number instead of a string", { bills: [bill("1.00"), bill(1 as unknown as string)] }, "bills[1].selfPay", "须以字符串填写"],
    ["not a number", { bills: [bill("abc")] }, "bills[0].selfPay", "不是有效的金额"],
    ["insurance + self-pay above the total", { bills: [bill("20000.01")] }, "bills[0].selfPay", "之和不能超过医疗总费用"],
    ["a bad visit date", { bills: [bill("1.00", { visitDate: "2024-02-30" })] }, "bills[0].visitDate", "就诊日期"],
    ["no hospital", { bills: [bill("1.00", { hospitalName: " " })] }, "bills[0].hospitalName", "医院名称"],
    ["no bills", { bills: [] }, "bills", "至少填写一张"],
    ["a negative year-to-date", { yearToDate: { assistancePaid: "-5" } }, "yearToDate.assistancePaid", "本年医疗救助已支付不能为负数"],
    ["an unknown category", { person: { categories: ["RICH"] } }, "person.categories[0]", "不认识的人员类别"],
    ["an unknown field", { extra: 1 }, "extra", "不认识的字段"],
  ])("bad input — %s — is refused naming the field", (_label, over, field, message) => {
    let error: unknown;
    try {
      proposeOnApplication(request(over));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: "INVALID_REQUEST", field });
    expect((error as Error).message).toContain(message);
  });

  test("a date before any set for the region is refused", () => {
    expect(() => proposeOnApplication(request({ date: "1999-01-01" }))).toThrow(EngineError);
  });
});

describe("application.targetDays (P-APP-3, local example value)", () => {
  test("every set carries 20 days as a 示例值, ruled by P-APP-3", async () => {
    const { parameterEntry } = await import("@/lib/policy/catalogue");
    expect(parameterEntry("pengshui-2023", "application.targetDays", "2024-04-01")).toMatchObject({ value: 20, provenance: "local", ruleId: "P-APP-3", exampleValue: "示例值，非文件规定" });
    expect(parameterEntry("cq-2018", "application.targetDays", "2019-01-01").value).toBe(20);
  });
});
