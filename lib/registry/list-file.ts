/**
 * Read a department list file (domain.md W1 step 1): CSV in UTF-8 (with or without BOM) or
 * GBK/GB18030, or an Excel workbook (.xlsx), into rows of trimmed text cells keyed by column.
 *
 * Public surface:
 *  - `readListFile(bytes, { fileName, declaredEncoding?, maxBytes })` → Promise<ListFile>
 *  - `readTableFile(bytes, spec, options)` — the same reader for another table layout (the
 *    hospital settlement export, opening balances): a `TableSpec` names its columns.
 *  - `ListFileError` { code: ListFileErrorCode, message, cells? } — every refusal of the whole file
 *  - `LIST_COLUMNS` (key, header, required, accepted aliases), `ColumnKey`, `COLUMN_HEADERS`
 *  - `normaliseHeader(text)`
 *
 * Row-level checks (ID numbers, categories, dates, duplicates) are validate-list.ts's job; this
 * module refuses only what makes the file unreadable as a list: size, encoding, format, header,
 * formulas, ID numbers stored as numbers. `rowNumber` is the row as a spreadsheet shows it (the
 * header is usually row 1); blank rows are skipped but keep the numbering. Up to ten title rows
 * above the header (“彭水县2024年3月低保对象名单”) are tolerated. Columns 序号 and 备注 are allowed
 * and ignored. XLSX: the first worksheet with content is read by xlsx-sheet.ts, a streaming reader
 * (exceljs' own streaming reader corrupts Chinese text at chunk boundaries; see there), so memory
 * stays bounded by the rows, not the XML. Date cells become YYYY-MM-DD. Messages never contain
 * personal data.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { XlsxFormatError, XlsxTooLargeError, columnLetter, excelSerialToIso, openWorkbook, type XlsxCell, type XlsxRow, type XlsxWorkbook } from "./xlsx-sheet";

export const LIST_COLUMNS = [
  { key: "idNumber", header: "公民身份号码", required: true, aliases: ["身份证号码", "身份证号", "公民身份证号码"] },
  { key: "name", header: "姓名", required: true, aliases: [] },
  { key: "category", header: "类别", required: true, aliases: ["人员类别", "对象类别"] },
  { key: "changeType", header: "变动类型", required: true, aliases: ["变动情况"] },
  { key: "certifiedOn", header: "认定日期", required: true, aliases: ["认定时间"] },
  { key: "township", header: "乡镇（街道）", required: true, aliases: ["乡镇街道", "乡镇"] },
  { key: "phone", header: "联系电话", required: false, aliases: ["电话", "手机号码"] },
] as const;

export type ColumnKey = (typeof LIST_COLUMNS)[number]["key"];

/** A table layout: its columns (header, aliases, required), the ID column and the date columns. */
export interface TableSpec<K extends string> {
  columns: readonly { key: K; header: string; required: boolean; aliases: readonly string[] }[];
  /** Headers accepted and ignored (序号, 备注 …). */
  ignoredHeaders: readonly string[];
  /** Kept as text: a number there (5.00243E+17) is refused, the digits are lost. */
  idColumn: K;
  /** Date cells become YYYY-MM-DD. */
  dateColumns: readonly K[];
}

/** Column key → the Chinese header of the template (used in every message naming a column). */
export const COLUMN_HEADERS: Readonly<Record<ColumnKey, string>> = Object.fromEntries(
  LIST_COLUMNS.map((c) => [c.key, c.header]),
) as Record<ColumnKey, string>;

export const LIST_SPEC: TableSpec<ColumnKey> = { columns: LIST_COLUMNS, ignoredHeaders: ["序号", "备注"], idColumn: "idNumber", dateColumns: ["certifiedOn"] };

export type ListFileErrorCode =
  | "FILE_TOO_LARGE"
  | "EMPTY_FILE"
  | "HEADER_ONLY"
  | "HEADER_MISMATCH"
  | "DUPLICATE_COLUMN"
  | "ENCODING_MISMATCH"
  | "UNKNOWN_ENCODING"
  | "UNSUPPORTED_FORMAT"
  | "OLD_EXCEL_FORMAT"
  | "NOT_A_WORKBOOK"
  | "FORMULA_CELLS"
  | "NUMERIC_ID_NUMBER";

export class ListFileError extends Error {
  readonly code: ListFileErrorCode;
  /** Cell addresses ("C5") or column names the message is about, when there are any. */
  readonly cells: readonly string[];
  constructor(code: ListFileErrorCode, message: string, cells: readonly string[] = []) {
    super(message);
    this.name = "ListFileError";
    this.code = code;
    this.cells = cells;
  }
}

export type DeclaredEncoding = "utf-8" | "gbk" | "auto";

export interface ReadListFileOptions {
  fileName: string;
  /** What the clerk chose in the upload form; "auto" (default) detects. */
  declaredEncoding?: DeclaredEncoding;
  /** Refuse larger files before reading anything. */
  maxBytes: number;
}

export interface TableRow<K extends string> {
  /** The row number a spreadsheet shows (1-based, header included). */
  rowNumber: number;
  /** Trimmed text of each column; "" when empty (and for an optional column that is absent). */
  cells: Record<K, string>;
}

export interface TableFile<K extends string> {
  format: "csv" | "xlsx";
  /** The encoding a CSV was decoded with; null for XLSX. */
  encoding: "utf-8" | "gb18030" | null;
  /** The header row as found (trimmed). */
  header: string[];
  rows: TableRow<K>[];
}
export type ListFileRow = TableRow<ColumnKey>;
export type ListFile = TableFile<ColumnKey>;

/* ------------------------------------------------------------------------------------------ */
/* Header                                                                                     */

/** Fold a header cell: NFKC (full-width → half-width), no blanks, no leading "*" or trailing ":". */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u200b\ufeff]+/g, "")
    .replace(/^\*+/, "")
    .replace(/[:：]$/, "");
}

/** A spec with its lookups built once. Internally keys are plain strings. */
interface Layout {
  spec: TableSpec<string>;
  lookup: Map<string, string>;
  ignored: Set<string>;
  headers: Record<string, string>;
  dates: Set<string>;
}
const LAYOUTS = new WeakMap<TableSpec<string>, Layout>();
function layoutOf(spec: TableSpec<string>): Layout {
  let layout = LAYOUTS.get(spec);
  if (!layout) {
    const lookup = new Map<string, string>();
    for (const c of spec.columns) for (const h of [c.header, ...c.aliases]) lookup.set(normaliseHeader(h), c.key);
    layout = {
      spec,
      lookup,
      ignored: new Set(spec.ignoredHeaders.map(normaliseHeader)),
      headers: Object.fromEntries(spec.columns.map((c) => [c.key, c.header])),
      dates: new Set(spec.dateColumns),
    };
    LAYOUTS.set(spec, layout);
  }
  return layout;
}

function isHeaderLike(layout: Layout, cells: readonly string[]): boolean {
  let known = 0;
  for (const c of cells) if (layout.lookup.has(normaliseHeader(c))) known++;
  return known >= 2;
}

/** Column index of every key; throws HEADER_MISMATCH / DUPLICATE_COLUMN. */
function mapHeader(layout: Layout, header: readonly string[]): Map<string, number> {
  const { spec } = layout;
  const map = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((raw, idx) => {
    const text = raw.trim();
    if (text === "") return;
    const norm = normaliseHeader(text);
    const key = layout.lookup.get(norm);
    if (key === undefined) {
      if (!layout.ignored.has(norm)) unknown.push(text);
      return;
    }
    if (map.has(key)) duplicate.push(layout.headers[key]!);
    else map.set(key, idx);
  });
  const missing = spec.columns.filter((c) => c.required && !map.has(c.key)).map((c) => c.header);
  const optional = spec.columns.filter((c) => !c.required).map((c) => c.header);
  if (missing.length > 0 || unknown.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`缺少列${missing.map((h) => `“${h}”`).join("")}`);
    if (unknown.length > 0) parts.push(`无法识别的列${unknown.map((h) => `“${h}”`).join("")}`);
    throw new ListFileError(
      "HEADER_MISMATCH",
      `表头与模板不符：${parts.join("；")}。表头应为：${spec.columns.map((c) => c.header).join("、")}${optional.length ? `（${optional.join("、")}可不填）` : ""}，请下载模板核对`,
      [...missing, ...unknown],
    );
  }
  if (duplicate.length > 0) {
    throw new ListFileError("DUPLICATE_COLUMN", `表头中${duplicate.map((h) => `“${h}”`).join("")}列出现了不止一次`, duplicate);
  }
  return map;
}

function emptyCells(layout: Layout): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const c of layout.spec.columns) cells[c.key] = "";
  return cells;
}

const TRIM_RE = /^[\s\u3000\u200b\ufeff]+|[\s\u3000\u200b\ufeff]+$/g;
function clean(s: string): string {
  return s.replace(TRIM_RE, "");
}

/* ------------------------------------------------------------------------------------------ */
/* Messages about cells                                                                       */

/** "单元格 C5 " or "单元格 B2、…、B11 等 12 个单元格" (first ten named). */
function cellSubject(cells: readonly string[], limit = 10): string {
  const shown = cells.slice(0, limit).join("、");
  return cells.length > limit ? `单元格 ${shown} 等 ${cells.length} 个单元格` : `单元格 ${shown} `;
}

function formulaError(cells: string[]): ListFileError {
  return new ListFileError("FORMULA_CELLS", `${cellSubject(cells)}含有公式，请粘贴为数值后再上传`, cells);
}

function numericIdError(cells: string[]): ListFileError {
  return new ListFileError(
    "NUMERIC_ID_NUMBER",
    `${cellSubject(cells)}的公民身份号码被存成了数字（如 5.00243E+17），末尾几位已经丢失；请把“公民身份号码”列设置为“文本”格式，重新录入后再上传`,
    cells,
  );
}

/** "5.00243E+17", "5.00243e17": an ID number a spreadsheet turned into a number. */
const SCIENTIFIC_RE = /^\d+(\.\d+)?[eE]\+?\d+$/;

/* ------------------------------------------------------------------------------------------ */
/* Entry point                                                                                */

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

const ZIP_SIG = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIG = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Read and check a department list file. Throws ListFileError; never returns a partial list. */
export function readListFile(bytes: Uint8Array, options: ReadListFileOptions): Promise<ListFile> {
  return readTableFile(bytes, LIST_SPEC, options);
}

/** Read and check a file of another table layout; the same refusals as a list file. */
export async function readTableFile<K extends string>(bytes: Uint8Array, spec: TableSpec<K>, options: ReadListFileOptions): Promise<TableFile<K>> {
  const layout = layoutOf(spec as TableSpec<string>);
  if (bytes.byteLength > options.maxBytes) {
    throw new ListFileError("FILE_TOO_LARGE", `文件超过 ${formatMegabytes(options.maxBytes)}MB 上限，请拆分后分批上传`);
  }
  if (bytes.byteLength === 0) throw new ListFileError("EMPTY_FILE", "文件是空的，没有任何内容");

  const ext = /\.([^./\\]+)$/.exec(options.fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (startsWith(bytes, ZIP_SIG)) return (await readXlsx(bytes, options.maxBytes, layout)) as TableFile<K>;
  if (ext === "xlsx" || ext === "xlsm") {
    if (startsWith(bytes, OLE_SIG)) {
      throw new ListFileError("NOT_A_WORKBOOK", "不是有效的 Excel 工作簿（.xlsx）：文件设置了打开密码或是旧版 .xls 格式；请取消密码后另存为 .xlsx 再上传");
    }
    throw new ListFileError("NOT_A_WORKBOOK", "不是有效的 Excel 工作簿（.xlsx），文件可能已损坏或只是改了扩展名；请用 Excel 打开后另存为 .xlsx 再上传");
  }
  if (startsWith(bytes, OLE_SIG)) throw oldExcel();
  if (ext !== "" && ext !== "csv" && ext !== "txt") {
    throw new ListFileError("UNSUPPORTED_FORMAT", "只能上传 CSV 或 Excel 工作簿（.xlsx）文件，请下载模板填写后上传");
  }
  return readCsv(bytes, options.declaredEncoding ?? "auto", layout) as TableFile<K>;
}

function oldExcel(): ListFileError {
  return new ListFileError("OLD_EXCEL_FORMAT", "这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再上传");
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                        */

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const gbStrict = new TextDecoder("gb18030", { fatal: true });

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

const MISMATCH_GBK = "文件编码与所选编码不符：文件看起来是 GBK 编码（Excel 默认保存的“CSV（逗号分隔）”），请把编码改选为“GBK”或“自动识别”后重新上传";
const MISMATCH_UTF8 = "文件编码与所选编码不符：文件看起来是 UTF-8 编码，请把编码改选为“UTF-8”或“自动识别”后重新上传";
const UNKNOWN_ENCODING = "无法识别文件编码：文件既不是 UTF-8 也不是 GBK 编码的文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传";

function decodeCsv(bytes: Uint8Array, declared: DeclaredEncoding): { text: string; encoding: "utf-8" | "gb18030" } {
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const utf8 = tryDecode(utf8Strict, bytes); // strips a BOM
  if (declared === "gbk") {
    if (bom || (utf8 !== null && hasNonAscii(bytes))) throw new ListFileError("ENCODING_MISMATCH", MISMATCH_UTF8);
    const gb = tryDecode(gbStrict, bytes);
    if (gb === null) throw new ListFileError("UNKNOWN_ENCODING", UNKNOWN_ENCODING);
    return { text: gb, encoding: "gb18030" };
  }
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  const gb = bom ? null : tryDecode(gbStrict, bytes);
  if (gb === null) throw new ListFileError("UNKNOWN_ENCODING", UNKNOWN_ENCODING);
  if (declared === "utf-8") throw new ListFileError("ENCODING_MISMATCH", MISMATCH_GBK);
  return { text: gb, encoding: "gb18030" };
}

function detectDelimiter(text: string): string {
  const nl = text.indexOf("\n");
  const first = nl >= 0 ? text.slice(0, nl) : text;
  const commas = first.split(",").length;
  const tabs = first.split("\t").length;
  return tabs > commas ? "\t" : ",";
}

function readCsv(bytes: Uint8Array, declared: DeclaredEncoding, layout: Layout): TableFile<string> {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ListFileError("UNKNOWN_ENCODING", "文件是 UTF-16（“Unicode 文本”）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传");
  }
  if (bytes.indexOf(0) >= 0) {
    throw new ListFileError("UNSUPPORTED_FORMAT", "文件不是文本格式的 CSV（含有二进制内容），请下载模板填写后上传");
  }
  const { text, encoding } = decodeCsv(bytes, declared);
  if (text.replace(TRIM_RE, "") === "") throw new ListFileError("EMPTY_FILE", "文件是空的，没有任何内容");

  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ListFileError(
      "UNSUPPORTED_FORMAT",
      `CSV 格式有误${line ? `（第 ${line} 行附近）` : ""}：引号不成对或分隔符不一致，请用 Excel 打开后重新另存为 CSV`,
    );
  }

  const builder = new RowBuilder(layout);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string[];
    builder.add(i + 1, record, (col) => `${columnLetter(col)}${i + 1}`);
  }
  return { format: "csv", encoding, ...builder.finish() };
}

/* ------------------------------------------------------------------------------------------ */
/* Rows, shared by both formats                                                               */

/** Collects rows: finds the header, maps columns, keeps non-blank data rows, notes bad cells. */
class RowBuilder {
  header: string[] | null = null;
  private map: Array<[string, number]> = [];
  private idColumn = -1;
  private firstNonEmpty: string[] | null = null;
  private scanned = 0;
  rows: TableRow<string>[] = [];
  numericIds: string[] = [];

  constructor(readonly layout: Layout) {}

  /** Is the header known (data rows follow)? */
  get started(): boolean {
    return this.header !== null;
  }

  /** Offer the text cells of a row before the header is known. */
  offerHeader(cells: string[]): void {
    const trimmed = cells.map((c) => clean(c));
    if (trimmed.every((c) => c === "")) return;
    this.firstNonEmpty ??= trimmed;
    this.scanned++;
    if (isHeaderLike(this.layout, trimmed)) this.setHeader(trimmed);
    else if (this.scanned >= 10) this.setHeader(this.firstNonEmpty);
  }

  private setHeader(header: string[]): void {
    const map = mapHeader(this.layout, header);
    this.header = header;
    this.map = [...map.entries()];
    this.idColumn = map.get(this.layout.spec.idColumn) ?? -1;
  }

  /** CSV: a whole record of strings. */
  add(rowNumber: number, record: string[], address: (col: number) => string): void {
    if (!this.started) {
      this.offerHeader(record);
      return;
    }
    const cells = emptyCells(this.layout);
    let any = false;
    for (const [key, col] of this.map) {
      const v = record[col];
      if (v === undefined || v === "") continue;
      const t = clean(v);
      if (t === "") continue;
      cells[key] = t;
      any = true;
    }
    if (!any) return;
    if (SCIENTIFIC_RE.test(cells[this.layout.spec.idColumn] ?? "")) this.numericIds.push(address(this.idColumn));
    this.rows.push({ rowNumber, cells });
  }

  /** XLSX: cells already converted. */
  push(row: TableRow<string>): void {
    this.rows.push(row);
  }

  columns(): ReadonlyArray<[string, number]> {
    return this.map;
  }

  finish(): { header: string[]; rows: TableRow<string>[] } {
    if (this.header === null) {
      if (this.firstNonEmpty === null) throw new ListFileError("EMPTY_FILE", "文件是空的，没有任何内容");
      this.setHeader(this.firstNonEmpty); // throws HEADER_MISMATCH
    }
    if (this.numericIds.length > 0) throw numericIdError(this.numericIds);
    if (this.rows.length === 0) throw new ListFileError("HEADER_ONLY", "文件只有表头，没有数据行");
    return { header: this.header as string[], rows: this.rows };
  }
}

/* ------------------------------------------------------------------------------------------ */
/* XLSX                                                                                       */

function notWorkbook(): ListFileError {
  return new ListFileError("NOT_A_WORKBOOK", "不是有效的 Excel 工作簿（.xlsx），文件可能已损坏或只是改了扩展名；请用 Excel 打开后另存为 .xlsx 再上传");
}

function numberText(n: number, raw: string): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : raw;
}

async function readXlsx(bytes: Uint8Array, maxBytes: number, layout: Layout): Promise<TableFile<string>> {
  let workbook: XlsxWorkbook;
  try {
    workbook = openWorkbook(bytes, { maxInflatedBytes: Math.max(64 * 1024 * 1024, maxBytes * 40) });
  } catch (e) {
    throw e instanceof XlsxTooLargeError ? tooLargeInflated() : notWorkbook();
  }
  const formulas: string[] = [];
  let builder = new RowBuilder(layout);
  try {
    for (const sheet of workbook.sheets) {
      builder = new RowBuilder(layout);
      let any = false;
      for await (const row of workbook.rows(sheet)) {
        if (row.cells.length === 0) continue;
        any = true;
        readXlsxRow(row, builder, formulas, workbook.date1904);
      }
      if (any) break; // the first worksheet with content
    }
  } catch (e) {
    if (e instanceof ListFileError) throw e;
    if (e instanceof XlsxTooLargeError) throw tooLargeInflated();
    if (e instanceof XlsxFormatError) throw notWorkbook();
    throw e;
  }
  if (formulas.length > 0) throw formulaError(formulas);
  return { format: "xlsx", encoding: null, ...builder.finish() };
}

function tooLargeInflated(): ListFileError {
  return new ListFileError("FILE_TOO_LARGE", "工作簿解压后的内容过大，请拆分后分批上传");
}

function cellText(cell: XlsxCell): string {
  return cell.kind === "n" ? numberText(cell.num ?? Number.NaN, cell.text) : cell.text;
}

function readXlsxRow(row: XlsxRow, builder: RowBuilder, formulas: string[], date1904: boolean): void {
  const cells = row.cells;
  // Formulas anywhere in the sheet are refused, header and ignored columns included.
  for (let c = 0; c < cells.length; c++) if (cells[c]?.formula) formulas.push(`${columnLetter(c)}${row.rowNumber}`);
  if (!builder.started) {
    const texts: string[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      texts.push(cell && !cell.formula ? cellText(cell) : "");
    }
    builder.offerHeader(texts);
    return;
  }
  const out = emptyCells(builder.layout);
  let any = false;
  for (const [key, col] of builder.columns()) {
    const cell = cells[col];
    if (cell === undefined || cell.formula) continue;
    let text: string;
    if (cell.kind === "n") {
      const n = cell.num ?? Number.NaN;
      if (key === builder.layout.spec.idColumn) {
        builder.numericIds.push(`${columnLetter(col)}${row.rowNumber}`);
        text = numberText(n, cell.text);
      } else if (builder.layout.dates.has(key) && Number.isFinite(n) && (cell.dateStyle ? n >= 1 && n < 2_958_466 : Number.isInteger(n) && n >= 20_000 && n <= 80_000)) {
        text = excelSerialToIso(n, date1904); // a date cell, or a date whose number format was lost (1954–2119)
      } else text = numberText(n, cell.text);
    } else text = cellText(cell);
    text = clean(text);
    if (text === "") continue;
    out[key] = text;
    any = true;
  }
  if (any) builder.push({ rowNumber: row.rowNumber, cells: out });
}
