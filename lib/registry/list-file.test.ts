/**
 * The bad-input suite at parser level (quality.md "Bad input"): each case with its exact code and
 * message. Row-level cases (check digits, future dates, other departments' categories, duplicates)
 * are in validate-list.test.ts.
 */
import { describe, expect, test } from "vitest";
import { storedZip } from "./testing/stored-zip";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { ListFileError, readListFile, type ReadListFileOptions } from "./list-file";

const HEADER = "公民身份号码,姓名,类别,变动类型,认定日期,乡镇（街道）,联系电话";
const ROW_A = "500243199001010017,冉光明,低保对象,在册,2020-05-01,汉葭街道,13812345678";
const ROW_B = "50024319851203004X,向秀英,特困人员,新增,2024-03-02,郁山镇,";
const MB = 1024 * 1024;

const utf8 = (text: string, bom = false) => new TextEncoder().encode((bom ? "\ufeff" : "") + text);
const gbk = (text: string) => new Uint8Array(iconv.encode(text, "gbk"));
const lines = (...ls: string[]) => `${ls.join("\r\n")}\r\n`;
const opts = (o: Partial<ReadListFileOptions> = {}): ReadListFileOptions => ({ fileName: "名单.csv", maxBytes: 30 * MB, ...o });

async function refusal(bytes: Uint8Array, o: Partial<ReadListFileOptions> = {}): Promise<{ code: string; message: string }> {
  try {
    await readListFile(bytes, opts(o));
  } catch (e) {
    expect(e).toBeInstanceOf(ListFileError);
    const { code, message } = e as ListFileError;
    return { code, message };
  }
  throw new Error("expected a ListFileError");
}

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  fill(ws);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const HEADER_CELLS = HEADER.split(",");

describe("bad input: the whole file is refused with a clear Chinese message", () => {
  test.each([
    ["a 200 MB file", 200 * MB, 30 * MB, "文件超过 30MB 上限，请拆分后分批上传"],
    ["one byte over a 1.5 MB limit", 1.5 * MB + 1, 1.5 * MB, "文件超过 1.5MB 上限，请拆分后分批上传"],
  ])("FILE_TOO_LARGE: %s", async (_label, size, maxBytes, message) => {
    expect(await refusal(new Uint8Array(size), { maxBytes })).toEqual({ code: "FILE_TOO_LARGE", message });
  });

  test.each([
    ["zero bytes", new Uint8Array(0)],
    ["only a BOM", utf8("", true)],
    ["only blank lines", utf8("\r\n  \r\n\r\n")],
  ])("EMPTY_FILE: %s", async (_label, bytes) => {
    expect(await refusal(bytes)).toEqual({ code: "EMPTY_FILE", message: "文件是空的，没有任何内容" });
  });

  test.each([
    ["header only", utf8(lines(HEADER), true)],
    ["header and blank rows", utf8(lines(HEADER, ",,,,,,", ""))],
  ])("HEADER_ONLY: %s", async (_label, bytes) => {
    expect(await refusal(bytes)).toEqual({ code: "HEADER_ONLY", message: "文件只有表头，没有数据行" });
  });

  test("HEADER_MISMATCH: a wrong header names the missing and the unknown columns", async () => {
    const bytes = utf8(lines("身份证号码,名字,类型,变动类型,认定日期,乡镇（街道）", ROW_A));
    expect(await refusal(bytes)).toEqual({
      code: "HEADER_MISMATCH",
      message:
        "表头与模板不符：缺少列“姓名”“类别”；无法识别的列“名字”“类型”。表头应为：公民身份号码、姓名、类别、变动类型、认定日期、乡镇（街道）、联系电话（联系电话可不填），请下载模板核对",
    });
  });

  test("HEADER_MISMATCH: a missing column", async () => {
    const bytes = utf8(lines("公民身份号码,姓名,变动类型,认定日期,乡镇（街道）", "500243199001010017,冉光明,在册,2020-05-01,汉葭街道"));
    expect(await refusal(bytes)).toEqual({
      code: "HEADER_MISMATCH",
      message: "表头与模板不符：缺少列“类别”。表头应为：公民身份号码、姓名、类别、变动类型、认定日期、乡镇（街道）、联系电话（联系电话可不填），请下载模板核对",
    });
  });

  test("DUPLICATE_COLUMN", async () => {
    const bytes = utf8(lines(`${HEADER},姓名`, `${ROW_A},冉光明`));
    expect(await refusal(bytes)).toEqual({ code: "DUPLICATE_COLUMN", message: "表头中“姓名”列出现了不止一次" });
  });

  test("ENCODING_MISMATCH: a GBK file uploaded as UTF-8", async () => {
    expect(await refusal(gbk(lines(HEADER, ROW_A)), { declaredEncoding: "utf-8" })).toEqual({
      code: "ENCODING_MISMATCH",
      message: "文件编码与所选编码不符：文件看起来是 GBK 编码（Excel 默认保存的“CSV（逗号分隔）”），请把编码改选为“GBK”或“自动识别”后重新上传",
    });
  });

  test.each([
    ["with BOM", true],
    ["without BOM", false],
  ])("ENCODING_MISMATCH: a UTF-8 file (%s) uploaded as GBK", async (_label, bom) => {
    expect(await refusal(utf8(lines(HEADER, ROW_A), bom), { declaredEncoding: "gbk" })).toEqual({
      code: "ENCODING_MISMATCH",
      message: "文件编码与所选编码不符：文件看起来是 UTF-8 编码，请把编码改选为“UTF-8”或“自动识别”后重新上传",
    });
  });

  test("UNKNOWN_ENCODING: UTF-16 (Excel's “Unicode 文本”)", async () => {
    const bytes = new Uint8Array(Buffer.from(`\ufeff${lines(HEADER, ROW_A)}`, "utf16le"));
    expect(await refusal(bytes)).toEqual({
      code: "UNKNOWN_ENCODING",
      message: "文件是 UTF-16（“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传",
    });
  });

  test("NOT_A_WORKBOOK: a CSV renamed to .xlsx", async () => {
    expect(await refusal(utf8(lines(HEADER, ROW_A)), { fileName: "名单.xlsx" })).toEqual({
      code: "NOT_A_WORKBOOK",
      message: "不是有效的 Excel 工作簿（.xlsx），文件可能已损坏或只是改了扩展名；请用 Excel 打开后另存为 .xlsx 再上传",
    });
  });

  test("NOT_A_WORKBOOK: a zip that is not a workbook, and a truncated workbook", async () => {
    const message = "不是有效的 Excel 工作簿（.xlsx），文件可能已损坏或只是改了扩展名；请用 Excel 打开后另存为 .xlsx 再上传";
    const docx = storedZip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" });
    expect(await refusal(docx, { fileName: "名单.xlsx" })).toEqual({ code: "NOT_A_WORKBOOK", message });
    const real = await workbook((ws) => {
      ws.addRow(HEADER_CELLS);
      ws.addRow(ROW_A.split(","));
    });
    expect(await refusal(real.slice(0, Math.floor(real.length / 2)), { fileName: "名单.xlsx" })).toEqual({ code: "NOT_A_WORKBOOK", message });
  });

  test("NOT_A_WORKBOOK: a password-protected or old-format file named .xlsx; OLD_EXCEL_FORMAT for .xls", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await refusal(ole, { fileName: "名单.xlsx" })).toEqual({
      code: "NOT_A_WORKBOOK",
      message: "不是有效的 Excel 工作簿（.xlsx）：文件设置了打开密码或是旧版 .xls 格式；请取消密码后另存为 .xlsx 再上传",
    });
    expect(await refusal(ole, { fileName: "名单.xls" })).toEqual({
      code: "OLD_EXCEL_FORMAT",
      message: "这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再上传",
    });
  });

  test("UNSUPPORTED_FORMAT: another kind of file", async () => {
    expect(await refusal(utf8("%PDF-1.7"), { fileName: "名单.pdf" })).toEqual({
      code: "UNSUPPORTED_FORMAT",
      message: "只能上传 CSV 或 Excel 工作簿（.xlsx）文件，请下载模板填写后上传",
    });
  });

  test("FORMULA_CELLS: formulas are refused, naming the cells", async () => {
    const one = await workbook((ws) => {
      ws.addRow(HEADER_CELLS);
      for (let i = 0; i < 3; i++) ws.addRow(ROW_A.split(","));
      ws.addRow(["500243199001010017", "冉光明", { formula: 'IF(1,"低保对象","")', result: "低保对象" }, "在册", "2020-05-01", "汉葭街道", ""]);
    });
    expect(await refusal(one, { fileName: "名单.xlsx" })).toEqual({ code: "FORMULA_CELLS", message: "单元格 C5 含有公式，请粘贴为数值后再上传" });

    const many = await workbook((ws) => {
      ws.addRow(HEADER_CELLS);
      for (let i = 0; i < 12; i++) ws.addRow(["500243199001010017", { formula: "\"冉\"&\"光明\"", result: "冉光明" }, "低保对象", "在册", "2020-05-01", "汉葭街道", ""]);
    });
    expect(await refusal(many, { fileName: "名单.xlsx" })).toEqual({
      code: "FORMULA_CELLS",
      message: "单元格 B2、B3、B4、B5、B6、B7、B8、B9、B10、B11 等 12 个单元格含有公式，请粘贴为数值后再上传",
    });
  });

  test("NUMERIC_ID_NUMBER: ID numbers stored as numbers (XLSX) or in scientific notation (CSV)", async () => {
    const message =
      "单元格 A3 的公民身份号码被存成了数字（如 5.00243E+17），末尾几位已经丢失；请把“公民身份号码”列设置为“文本”格式，重新录入后再上传";
    const xlsx = await workbook((ws) => {
      ws.addRow(HEADER_CELLS);
      ws.addRow(ROW_A.split(","));
      ws.addRow([500243199001010017, "冉光明", "低保对象", "在册", "2020-05-01", "汉葭街道", ""]);
    });
    expect(await refusal(xlsx, { fileName: "名单.xlsx" })).toEqual({ code: "NUMERIC_ID_NUMBER", message });
    const csv = utf8(lines(HEADER, ROW_A, "5.00243E+17,冉光明,低保对象,在册,2020-05-01,汉葭街道,"));
    expect(await refusal(csv)).toEqual({ code: "NUMERIC_ID_NUMBER", message });
  });
});

describe("reading good files", () => {
  test("UTF-8 with BOM", async () => {
    const file = await readListFile(utf8(lines(HEADER, ROW_A, ROW_B), true), opts());
    expect(file).toEqual({
      format: "csv",
      encoding: "utf-8",
      header: HEADER_CELLS,
      rows: [
        {
          rowNumber: 2,
          cells: { idNumber: "500243199001010017", name: "冉光明", category: "低保对象", changeType: "在册", certifiedOn: "2020-05-01", township: "汉葭街道", phone: "13812345678" },
        },
        {
          rowNumber: 3,
          cells: { idNumber: "50024319851203004X", name: "向秀英", category: "特困人员", changeType: "新增", certifiedOn: "2024-03-02", township: "郁山镇", phone: "" },
        },
      ],
    });
  });

  test.each(["auto", "gbk", undefined] as const)("a GBK file decodes correctly, names intact (declared %s)", async (declaredEncoding) => {
    const file = await readListFile(gbk(lines(HEADER, ROW_A, ROW_B)), opts({ declaredEncoding }));
    expect(file.encoding).toBe("gb18030");
    expect(file.header).toEqual(HEADER_CELLS);
    expect(file.rows.map((r) => [r.cells.name, r.cells.township, r.cells.category])).toEqual([
      ["冉光明", "汉葭街道", "低保对象"],
      ["向秀英", "郁山镇", "特困人员"],
    ]);
  });

  test("header variants: half-width parentheses, blanks, a 序号 column, a title row, blank rows keep numbering, no 联系电话", async () => {
    const text = lines(
      "彭水县2024年3月低保对象名单,,,,,,",
      "序号, 公民身份号码 ,姓名,类别,变动类型,认定日期,乡镇(街道)",
      "1,500243199001010017,冉光明,低保对象,在册,2020-05-01,汉葭街道",
      ",,,,,,",
      "2, 50024319851203004X ,向秀英,特困人员,新增,2024/3/2,郁山镇",
    );
    const file = await readListFile(utf8(text), opts());
    expect(file.rows.map((r) => r.rowNumber)).toEqual([3, 5]);
    expect(file.rows[1]?.cells).toEqual({ idNumber: "50024319851203004X", name: "向秀英", category: "特困人员", changeType: "新增", certifiedOn: "2024/3/2", township: "郁山镇", phone: "" });
  });

  test("tab-separated text and quoted fields", async () => {
    const text = lines(HEADER.replace(/,/g, "\t"), ROW_A.replace(/,/g, "\t"));
    expect((await readListFile(utf8(text), opts({ fileName: "名单.txt" }))).rows[0]?.cells.name).toBe("冉光明");
    const quoted = lines(HEADER, '"500243199001010017","冉光明","低保对象","在册","2020-05-01","汉葭街道",""');
    expect((await readListFile(utf8(quoted), opts())).rows[0]?.cells.idNumber).toBe("500243199001010017");
  });

  test("XLSX: date cells become YYYY-MM-DD, numeric phones keep their digits, the first non-empty sheet is read", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明");
    const ws = wb.addWorksheet("名单");
    ws.addRow(HEADER_CELLS);
    const row = ws.addRow(["500243199001010017", "冉光明", "低保对象", "在册", new Date(Date.UTC(2020, 4, 1)), "汉葭街道", 13812345678]);
    row.getCell(5).numFmt = "yyyy\"年\"m\"月\"d\"日\"";
    ws.addRow(["50024319851203004X", "向秀英", "特困人员", "新增", 45353, "500243102", null]); // a date that lost its format
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const file = await readListFile(bytes, opts({ fileName: "anything.bin" }));
    expect(file.format).toBe("xlsx");
    expect(file.encoding).toBeNull();
    expect(file.rows).toEqual([
      { rowNumber: 2, cells: { idNumber: "500243199001010017", name: "冉光明", category: "低保对象", changeType: "在册", certifiedOn: "2020-05-01", township: "汉葭街道", phone: "13812345678" } },
      { rowNumber: 3, cells: { idNumber: "50024319851203004X", name: "向秀英", category: "特困人员", changeType: "新增", certifiedOn: "2024-03-02", township: "500243102", phone: "" } },
    ]);
  });

  test("XLSX: an empty workbook is an empty file; a header-only workbook has no rows", async () => {
    expect(await refusal(await workbook(() => {}), { fileName: "名单.xlsx" })).toEqual({ code: "EMPTY_FILE", message: "文件是空的，没有任何内容" });
    expect(await refusal(await workbook((ws) => ws.addRow(HEADER_CELLS)), { fileName: "名单.xlsx" })).toEqual({ code: "HEADER_ONLY", message: "文件只有表头，没有数据行" });
  });
});
