import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { CATEGORY_CODES, type CategoryCode } from "@/db/schema/enums";
import { categoryDepartment } from "./department-categories";
import { categoryTimeline, resolveCategoryOn, type CategoryIdentity } from "./resolve-category";

/** P-ID-I1: pengshui-2023 order (the app wires it from lib/policy). */
const PENGSHUI: CategoryCode[] = ["TEKUN", "DIBAO", "FANPIN", "DIBIAN", "JIANCE", "YINBING", "YOUFU", "ZHONGCAN", "NONE"];

const dibao: CategoryIdentity = { category: "DIBAO", validFrom: "2023-01-01", validTo: "2024-03-01", department: "MINZHENG" };
const fanpin: CategoryIdentity = { category: "FANPIN", validFrom: "2022-06-01", validTo: null, department: "XIANGCUN" };

describe("P-ID-2 就高不重复", () => {
  test("DIBAO (民政) + FANPIN (乡村振兴) → DIBAO, with a plain reason", () => {
    const r = resolveCategoryOn([fanpin, dibao], "2024-02-29", PENGSHUI);
    expect(r.category).toBe("DIBAO");
    expect(r.winner).toBe(dibao);
    expect(r.candidates).toEqual([dibao, fanpin]);
    expect(r.reason).toBe("同时认定为低保对象（县民政局）和返贫致贫人口（县乡村振兴局），按就高不重复取低保对象");
  });

  test("when the DIBAO interval ends (validTo exclusive), FANPIN from that date", () => {
    const r = resolveCategoryOn([fanpin, dibao], "2024-03-01", PENGSHUI);
    expect(r).toMatchObject({ category: "FANPIN", winner: fanpin, reason: "认定为返贫致贫人口（县乡村振兴局）" });
  });

  test("nothing in force → NONE", () => {
    expect(resolveCategoryOn([], "2024-03-01", PENGSHUI)).toEqual({ category: "NONE", winner: null, candidates: [], ignored: [], reason: "当日无有效身份认定，按普通参保人" });
    expect(resolveCategoryOn([dibao], "2022-12-31", PENGSHUI).category).toBe("NONE");
  });

  test("three identities name all three", () => {
    const tekun: CategoryIdentity = { category: "TEKUN", validFrom: "2024-01-01", validTo: null, department: "MINZHENG" };
    const zhongcan: CategoryIdentity = { category: "ZHONGCAN", validFrom: "2020-01-01", validTo: null, department: "CANLIAN" };
    expect(resolveCategoryOn([zhongcan, fanpin, tekun], "2024-02-01", PENGSHUI).reason).toBe(
      "同时认定为特困人员（县民政局）、返贫致贫人口（县乡村振兴局）和城乡重度残疾人员（县残联），按就高不重复取特困人员",
    );
  });

  test("a category the policy's order does not list (建档立卡 under 2023) cannot win", () => {
    const jiandang: CategoryIdentity = { category: "JIANDANG", validFrom: "2016-01-01", validTo: null, department: "FUPIN" };
    const r = resolveCategoryOn([jiandang], "2024-01-01", PENGSHUI);
    expect(r).toMatchObject({ category: "NONE", winner: null, ignored: [jiandang] });
    expect(r.reason).toBe("建档立卡农村贫困人口（县扶贫办）不在本政策的类别次序中，不参与比较；当日无有效身份认定，按普通参保人");
  });

  test("property: the winner is the in-force identity the priority ranks first, whatever the input order", () => {
    const ranked = PENGSHUI.filter((c) => c !== "NONE");
    const identity = fc.record({
      category: fc.constantFrom(...ranked),
      from: fc.integer({ min: 0, max: 60 }),
      length: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    });
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.array(identity, { maxLength: 6 }), fc.integer({ min: 0, max: 130 }), (raw, d) => {
        const ids: CategoryIdentity[] = raw.map((x) => ({
          category: x.category,
          validFrom: day(x.from),
          validTo: x.length === null ? null : day(x.from + x.length),
          department: categoryDepartment(x.category) ?? "YIBAO",
        }));
        const date = day(d);
        const inForce = ids.filter((i) => i.validFrom <= date && (i.validTo === null || date < i.validTo));
        const best = inForce.map((i) => PENGSHUI.indexOf(i.category)).sort((a, b) => a - b)[0];
        const r = resolveCategoryOn(ids, date, PENGSHUI);
        expect(r.category).toBe(best === undefined ? "NONE" : PENGSHUI[best]);
        expect(resolveCategoryOn([...ids].reverse(), date, PENGSHUI).category).toBe(r.category);
        expect(r.candidates.length).toBe(inForce.length);
      }),
    );
  });

  test("the priority decides, not a fixed order: reversed priority → FANPIN", () => {
    expect(resolveCategoryOn([dibao, fanpin], "2024-02-01", [...PENGSHUI].reverse()).category).toBe("FANPIN");
    expect(CATEGORY_CODES).toContain("JIANDANG");
  });
});

describe("categoryTimeline", () => {
  test("intervals of the resolved category over time", () => {
    const t = categoryTimeline([dibao, fanpin], PENGSHUI);
    expect(t.map(({ from, to, category }) => ({ from, to, category }))).toEqual([
      { from: "2022-06-01", to: "2023-01-01", category: "FANPIN" },
      { from: "2023-01-01", to: "2024-03-01", category: "DIBAO" },
      { from: "2024-03-01", to: null, category: "FANPIN" },
    ]);
    expect(t[1]?.reason).toBe("同时认定为低保对象（县民政局）和返贫致贫人口（县乡村振兴局），按就高不重复取低保对象");
  });

  test("a gap is NONE and the end is open; no identities → no intervals", () => {
    const a: CategoryIdentity = { category: "DIBAO", validFrom: "2020-01-01", validTo: "2021-01-01", department: "MINZHENG" };
    const b: CategoryIdentity = { category: "JIANCE", validFrom: "2022-01-01", validTo: "2023-01-01", department: "XIANGCUN" };
    expect(categoryTimeline([b, a], PENGSHUI).map((i) => [i.from, i.to, i.category])).toEqual([
      ["2020-01-01", "2021-01-01", "DIBAO"],
      ["2021-01-01", "2022-01-01", "NONE"],
      ["2022-01-01", "2023-01-01", "JIANCE"],
      ["2023-01-01", null, "NONE"],
    ]);
    expect(categoryTimeline([], PENGSHUI)).toEqual([]);
  });

  test("a re-certification on the day the old one ends merges into one interval", () => {
    const a: CategoryIdentity = { category: "DIBAO", validFrom: "2020-01-01", validTo: "2021-01-01", department: "MINZHENG" };
    const b: CategoryIdentity = { category: "DIBAO", validFrom: "2021-01-01", validTo: null, department: "MINZHENG" };
    expect(categoryTimeline([a, b], PENGSHUI).map((i) => [i.from, i.to, i.category])).toEqual([["2020-01-01", null, "DIBAO"]]);
  });
});
