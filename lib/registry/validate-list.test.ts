/** Row-level bad input (quality.md "Bad input", domain.md W1 step 2, policy-book.md P-ID-1). */
import { describe, expect, test } from "vitest";
import { idCheckDigit } from "./id-number";
import type { ListFileRow } from "./list-file";
import { isChineseName, normalisePhone, parseListDate, validateListRows, type ValidateListOptions } from "./validate-list";

const TOWNSHIPS = [
  { code: "500243001", name: "汉葭街道" },
  { code: "500243102", name: "郁山镇" },
  { code: "500243217", name: "诸佛乡" },
];
const OPTS: ValidateListOptions = { department: "MINZHENG", townships: TOWNSHIPS, today: "2024-04-05", month: "2024-03" };
const ID_A = "500243199001010017";
const ID_B = "50024319851203004X";

function row(rowNumber: number, cells: Partial<ListFileRow["cells"]> = {}): ListFileRow {
  return {
    rowNumber,
    cells: { idNumber: ID_A, name: "冉光明", category: "低保对象", changeType: "在册", certifiedOn: "2020-05-01", township: "汉葭街道", phone: "13812345678", ...cells },
  };
}

describe("validateListRows: good rows", () => {
  test("a clean row becomes a typed row with codes, an ISO date and the nine-digit township", () => {
    expect(validateListRows([row(2)], OPTS)).toEqual({
      valid: [{ rowNumber: 2, idNumber: ID_A, name: "冉光明", category: "DIBAO", changeType: "CURRENT", certifiedOn: "2020-05-01", townshipCode: "500243001", phone: "13812345678" }],
      errors: [],
    });
  });

  test("codes, short and full labels, other date spellings, township codes, no phone, lower-case x", () => {
    const rows = [
      row(2, { category: "TEKUN", changeType: "ADD", certifiedOn: "2024/3/2", township: "500243102", phone: "" }),
      row(3, { idNumber: ID_B.toLowerCase(), name: "向秀英", category: "低保边缘", changeType: "减少", certifiedOn: "2024年3月31日", township: "诸佛乡", phone: "023-78441234" }),
      row(4, { idNumber: ID_B, name: "向秀英", category: "因病致贫重病患者", changeType: "新增", certifiedOn: "20240301", township: "500243217000" }),
    ];
    const { valid, errors } = validateListRows(rows, OPTS);
    expect(errors).toEqual([]);
    expect(valid.map((r) => [r.idNumber, r.category, r.changeType, r.certifiedOn, r.townshipCode, r.phone])).toEqual([
      [ID_A, "TEKUN", "ADD", "2024-03-02", "500243102", null],
      [ID_B, "DIBIAN", "REMOVE", "2024-03-31", "500243217", "023-78441234"],
      [ID_B, "YINBING", "ADD", "2024-03-01", "500243217", "13812345678"],
    ]);
  });

  test("minority names with a middle dot", () => {
    expect(validateListRows([row(2, { name: "阿依古丽•买买提" })], OPTS).valid[0]?.name).toBe("阿依古丽·买买提");
  });
});

describe("validateListRows: every error names the row and the column", () => {
  test.each([
    ["P-ID-1: an 18-character ID with a wrong check digit", { idNumber: "500243199001010012" }, "公民身份号码", "公民身份号码校验位错误"],
    ["an ID whose birth date is in the future", { idNumber: `${"50024320240501001"}${idCheckDigit("50024320240501001")}` }, "公民身份号码", "公民身份号码中的出生日期晚于今天"],
    ["a 15-digit ID", { idNumber: "500243900101001" }, "公民身份号码", "公民身份号码应为18位（当前为15位）"],
    ["no name", { name: "" }, "姓名", "未填写姓名"],
    ["a name with Latin letters", { name: "Zhang三" }, "姓名", "姓名应为2至20个汉字，少数民族姓名的各部分可用“·”分隔"],
    ["a one-character name", { name: "冉" }, "姓名", "姓名应为2至20个汉字，少数民族姓名的各部分可用“·”分隔"],
    [
      "P-ID-1: a category of another department (返贫致贫人口 in a 民政 file)",
      { category: "返贫致贫人口" },
      "类别",
      "类别“返贫致贫人口”不属于县民政局报送范围（县民政局报送：特困人员、低保对象、低保边缘家庭成员、因病致贫重病患者）",
    ],
    [
      "P-ID-1: the code of another department's category",
      { category: "ZHONGCAN" },
      "类别",
      "类别“城乡重度残疾人员”不属于县民政局报送范围（县民政局报送：特困人员、低保对象、低保边缘家庭成员、因病致贫重病患者）",
    ],
    ["an unknown category", { category: "低保户" }, "类别", "无法识别的类别“低保户”，请填写类别名称（如“特困人员”）或代码"],
    ["no category", { category: "" }, "类别", "未填写类别"],
    ["an unknown change type", { changeType: "变更" }, "变动类型", "变动类型应为“新增”“减少”或“在册”"],
    ["a date in the future", { certifiedOn: "2024-04-06" }, "认定日期", "认定日期晚于今天"],
    ["a date after the reported month", { certifiedOn: "2024-04-01" }, "认定日期", "认定日期晚于报送月份（2024年3月），请在下月名单中报送"],
    ["a date before birth", { certifiedOn: "1989-12-31" }, "认定日期", "认定日期早于出生日期"],
    ["a date that does not exist", { certifiedOn: "2023-02-29" }, "认定日期", "认定日期不存在"],
    ["a date in another format", { certifiedOn: "03/01/2024" }, "认定日期", "认定日期格式应为“2024-03-01”“2024/3/1”或“2024年3月1日”"],
    ["a township of another county", { township: "保家镇" }, "乡镇（街道）", "乡镇（街道）“保家镇”不在本县的乡镇（街道）名单中，请填写名称（如“汉葭街道”）或九位代码"],
    ["a bad phone number", { phone: "12345" }, "联系电话", "联系电话应为11位手机号码或带区号的固定电话（如 023-78441234），可不填"],
    ["the template's example row left in", { name: "张三（示例）" }, "姓名", "这是模板中的示例行，请删除后再上传"],
  ])("%s", (_label, cells, column, message) => {
    expect(validateListRows([row(7, cells)], OPTS)).toEqual({ valid: [], errors: [{ rowNumber: 7, column, message }] });
  });

  test("several errors in one row are all reported, in column order", () => {
    const { errors } = validateListRows([row(3, { idNumber: "500243199001010012", category: "返贫致贫人口", certifiedOn: "2030-01-01" })], OPTS);
    expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [3, "公民身份号码"],
      [3, "类别"],
      [3, "认定日期"],
    ]);
  });

  test("a duplicate row (same ID number and category): the second row is an error naming the first", () => {
    const { valid, errors } = validateListRows([row(2), row(3, { idNumber: ID_B, name: "向秀英" }), row(5, { changeType: "新增", certifiedOn: "2024-03-01" })], OPTS);
    expect(errors).toEqual([{ rowNumber: 5, column: "公民身份号码", message: "与第 2 行重复：同一公民身份号码、同一类别在文件中出现了两次" }]);
    expect(valid.map((r) => r.rowNumber)).toEqual([2, 3]);
  });

  test("the same ID number with two categories of the department is fine", () => {
    expect(validateListRows([row(2), row(3, { category: "因病致贫重病患者" })], OPTS).errors).toEqual([]);
  });

  test("the same ID number with two different names: both rows are errors, each naming the other", () => {
    const { valid, errors } = validateListRows([row(2), row(3, { idNumber: ID_B, name: "向秀英" }), row(4, { name: "冉光名", category: "因病致贫重病患者" })], OPTS);
    expect(errors).toEqual([
      { rowNumber: 2, column: "姓名", message: "公民身份号码与第 4 行相同，但姓名不同" },
      { rowNumber: 4, column: "姓名", message: "公民身份号码与第 2 行相同，但姓名不同" },
    ]);
    expect(valid.map((r) => r.rowNumber)).toEqual([3]);
  });

  test("messages never contain the ID number or the name", () => {
    const rows = [row(2, { idNumber: "500243199001010012" }), row(3), row(4), row(5, { name: "冉光名" })];
    for (const e of validateListRows(rows, OPTS).errors) {
      expect(e.message).not.toContain("5002431990");
      expect(e.message).not.toContain("冉光");
    }
  });
});

describe("cell parsers", () => {
  test.each([
    ["2024-03-01", "2024-03-01"],
    ["2024-3-1", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["2024.03.01", "2024-03-01"],
    ["2024年3月1日", "2024-03-01"],
    ["20240301", "2024-03-01"],
    ["2024-03-01 00:00:00", "2024-03-01"],
    ["2024-02-30", "nonexistent"],
    ["2024年13月1日", "nonexistent"],
    ["3/1/2024", "invalid"],
    ["", "invalid"],
  ])("parseListDate(%j) → %s", (cell, expected) => {
    expect(parseListDate(cell)).toBe(expected);
  });

  test.each([
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["+86 138-1234-5678", "13812345678"],
    ["023-78441234", "023-78441234"],
    ["02378441234", "02378441234"],
    ["12345678901", null],
    ["7844123", null],
  ])("normalisePhone(%j) → %j", (cell, expected) => {
    expect(normalisePhone(cell)).toBe(expected);
  });

  test.each([
    ["冉光明", true],
    ["王五", true],
    ["阿依古丽·买买提", true],
    ["欧阳", true],
    ["张", false],
    ["·张三", false],
    ["张三·", false],
    ["张 三", false],
    ["张三丰".repeat(7), false],
  ])("isChineseName(%j) → %s", (name, ok) => {
    expect(isChineseName(name)).toBe(ok);
  });
});
