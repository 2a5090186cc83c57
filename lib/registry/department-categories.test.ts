import { describe, expect, test } from "vitest";
import { CATEGORY_CODES, DEPARTMENT_CODES } from "@/db/schema/enums";
import {
  CATEGORY_FULL_LABELS,
  CATEGORY_LABELS,
  CATEGORY_SHORT_LABELS,
  CHANGE_TYPE_LABELS,
  DEPARTMENT_CATEGORY_CODES,
  categoryDepartment,
  isCategoryOfDepartment,
  parseCategory,
  parseChangeType,
} from "./department-categories";

describe("P-ID-1: which department certifies which category", () => {
  test.each([
    ["MINZHENG", ["TEKUN", "DIBAO", "DIBIAN", "YINBING"]],
    ["XIANGCUN", ["FANPIN", "JIANCE"]],
    ["TUIYI", ["YOUFU"]],
    ["CANLIAN", ["ZHONGCAN"]],
    ["FUPIN", ["JIANDANG"]],
    ["YIBAO", []],
  ] as const)("%s reports %j", (dept, cats) => {
    expect(DEPARTMENT_CATEGORY_CODES[dept]).toEqual(cats);
    for (const c of cats) {
      expect(categoryDepartment(c)).toBe(dept);
      expect(isCategoryOfDepartment(c, dept)).toBe(true);
    }
  });

  test("every category except NONE has exactly one department", () => {
    for (const c of CATEGORY_CODES) {
      const owners = DEPARTMENT_CODES.filter((d) => DEPARTMENT_CATEGORY_CODES[d].includes(c));
      expect(owners.length).toBe(c === "NONE" ? 0 : 1);
    }
    expect(categoryDepartment("NONE")).toBeNull();
    expect(isCategoryOfDepartment("FANPIN", "MINZHENG")).toBe(false);
  });
});

describe("parseCategory", () => {
  test("every code and every label (full, standard, short) parses back", () => {
    for (const c of CATEGORY_CODES) {
      for (const label of [c, c.toLowerCase(), CATEGORY_FULL_LABELS[c], CATEGORY_LABELS[c], CATEGORY_SHORT_LABELS[c]]) {
        expect(parseCategory(label)).toBe(c);
      }
    }
  });

  test.each([
    ["城乡重度(1-2级)残疾人员", "ZHONGCAN"],
    [" 低保对象 ", "DIBAO"],
    ["在乡重点优抚对象(不含1-6级残疾军人)", "YOUFU"],
    ["特困人员(含城市\"三无\"人员、农村五保对象、城乡孤儿、事实无人抚养困境儿童)", "TEKUN"],
    ["ＤＩＢＡＯ", "DIBAO"],
  ])("tolerates half-width parentheses, dashes, quotes and blanks: %s", (cell, code) => {
    expect(parseCategory(cell)).toBe(code);
  });

  test.each(["低保户", "", "贫困户", "DIBAO2"])("unknown: %j", (cell) => {
    expect(parseCategory(cell)).toBeNull();
  });
});

describe("change types", () => {
  test.each([
    ["新增", "ADD"],
    ["减少", "REMOVE"],
    ["在册", "CURRENT"],
    ["add", "ADD"],
    ["REMOVE", "REMOVE"],
    [" 在册 ", "CURRENT"],
  ])("%s → %s", (cell, code) => {
    expect(parseChangeType(cell)).toBe(code);
  });
  test("labels", () => {
    expect(CHANGE_TYPE_LABELS).toEqual({ ADD: "新增", REMOVE: "减少", CURRENT: "在册" });
    expect(parseChangeType("变更")).toBeNull();
  });
});
