import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { parseIdNumber } from "./id-number";
import { readListFile } from "./list-file";
import { listTemplateCsv, listTemplateRows, listTemplateXlsx } from "./list-template";
import { validateListRows } from "./validate-list";

const HEADER = ["公民身份号码", "姓名", "类别", "变动类型", "认定日期", "乡镇（街道）", "联系电话"];
const TOWNSHIPS = [{ code: "500243001", name: "汉葭街道" }];

describe("list template (W1 step 1)", () => {
  test("CSV: UTF-8 with BOM, the header and one obviously-example row", async () => {
    const bytes = listTemplateCsv("MINZHENG");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\ufeff公民身份号码,姓名,类别,变动类型,认定日期,乡镇（街道）,联系电话\r\n500243199001010017,张三（示例）,特困人员,新增,2024-03-01,汉葭街道,13800000000\r\n");
    const file = await readListFile(bytes, { fileName: "名单模板.csv", maxBytes: 1024 * 1024 });
    expect(file.header).toEqual(HEADER);
  });

  test("the example's ID number is well formed, and the example row left in is refused", async () => {
    const { example } = listTemplateRows("XIANGCUN");
    expect(parseIdNumber(example[0] ?? "", "2024-04-05").ok).toBe(true);
    expect(example[2]).toBe("返贫致贫人口");
    const file = await readListFile(listTemplateCsv("XIANGCUN"), { fileName: "名单模板.csv", maxBytes: 1024 * 1024 });
    expect(validateListRows(file.rows, { department: "XIANGCUN", townships: TOWNSHIPS, today: "2024-04-05", month: "2024-03" }).errors).toEqual([
      { rowNumber: 2, column: "姓名", message: "这是模板中的示例行，请删除后再上传" },
    ]);
  });

  test("XLSX: reads back; the ID column is formatted as text; drop-downs for 类别 and 变动类型", async () => {
    const bytes = await listTemplateXlsx("CANLIAN");
    const file = await readListFile(bytes, { fileName: "名单模板.xlsx", maxBytes: 1024 * 1024 });
    expect(file.header).toEqual(HEADER);
    expect(file.rows[0]?.cells).toEqual({
      idNumber: "500243199001010017",
      name: "张三（示例）",
      category: "城乡重度残疾人员",
      changeType: "新增",
      certifiedOn: "2024-03-01",
      township: "汉葭街道",
      phone: "13800000000",
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A2").numFmt).toBe("@");
    expect(ws.getCell("A500").numFmt).toBe("@"); // the column style: what a clerk types stays text
    expect(ws.getCell("A2").value).toBe("500243199001010017");
    expect(ws.getCell("C2").dataValidation?.formulae).toEqual(['"城乡重度残疾人员"']);
    expect(ws.getCell("D3").dataValidation?.formulae).toEqual(['"新增,减少,在册"']);
  });
});
