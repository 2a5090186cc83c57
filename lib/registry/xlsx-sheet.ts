/**
 * A small streaming reader of .xlsx worksheets, for list intake (list-file.ts).
 *
 * Why not exceljs' `stream.xlsx.WorkbookReader`: in exceljs 4.4 it decodes each inflated chunk
 * to text on its own, so a Chinese character split across two chunks becomes "��" (exceljs
 * issues #2063, #2084, #2316; fixes #1665 / #2081 unmerged) — about one row in a thousand of a
 * 100,000-row list came back corrupted. exceljs' full `xlsx.load` is correct but needs ~600 MB for
 * 100,000 rows. This reader parses the zip's central directory itself, inflates the worksheet
 * with node:zlib as a stream, decodes UTF-8 with a StringDecoder (no split characters) and scans
 * complete `<row>` elements, so memory is bounded by the rows kept, not the XML.
 *
 * Public surface:
 *  - `openWorkbook(bytes, { maxInflatedBytes? })` → `{ sheets: [{ name, path }], date1904, rows(sheet) }`
 *    where `rows(sheet)` is an async iterable of `{ rowNumber, cells }` (cells sparse, 0-based column)
 *  - `XlsxCell` { kind: "s" | "n" | "b" | "e" | "d"; text; num?; dateStyle; formula }
 *  - `XlsxFormatError` (not a workbook / unsupported zip) and `XlsxTooLargeError`
 *  - `columnLetter(index)`, `excelSerialToIso(serial, date1904)`
 */
import { StringDecoder } from "node:string_decoder";
import { Readable } from "node:stream";
import zlib from "node:zlib";

export class XlsxFormatError extends Error {}
export class XlsxTooLargeError extends Error {}

export interface XlsxCell {
  /** s: text, n: number, b: boolean, e: error value (#N/A), d: ISO date text */
  kind: "s" | "n" | "b" | "e" | "d";
  /** The value as text (numbers as written in the XML). */
  text: string;
  num?: number;
  /** The cell's number format is a date format. */
  dateStyle: boolean;
  /** The cell holds a formula (its cached result is in `text`). */
  formula: boolean;
}

export interface XlsxRow {
  /** 1-based, as the spreadsheet shows it. */
  rowNumber: number;
  /** Sparse, indexed by 0-based column. */
  cells: Array<XlsxCell | undefined>;
}

export interface XlsxWorkbook {
  sheets: Array<{ name: string; path: string }>;
  date1904: boolean;
  rows(sheet: { path: string }): AsyncIterable<XlsxRow>;
}

/* ------------------------------------------------------------------------------------------ */
/* Zip                                                                                        */

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000;
}

function readCentralDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxFormatError("no end of central directory");
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new XlsxFormatError("zip64 not supported");
  const entries = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder("utf-8");
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new XlsxFormatError("bad central directory");
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, "/").replace(/^\/+/, "");
    entries.set(name.toLowerCase(), { name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const o = e.localOffset;
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) throw new XlsxFormatError("bad local header");
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw new XlsxFormatError("truncated entry");
  if (e.method !== 0 && e.method !== 8) throw new XlsxFormatError("unsupported compression");
  return bytes.subarray(start, end);
}

/* ------------------------------------------------------------------------------------------ */
/* XML helpers                                                                                */

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities and OOXML `_xHHHH_` escapes. */
export function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0 && s.indexOf("_x") < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? ""),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

const T_RE = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
const RPH_RE = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/** The text of an `<si>` or `<is>` body: every `<t>` joined, phonetic runs left out. */
function richText(body: string): string {
  const b = body.indexOf("rPh") >= 0 ? body.replace(RPH_RE, "") : body;
  let out = "";
  T_RE.lastIndex = 0;
  for (let m = T_RE.exec(b); m; m = T_RE.exec(b)) out += m[1];
  return unescapeXml(out);
}

function inflate(data: Uint8Array, method: number, maxBytes: number): string {
  if (method === 0) return new TextDecoder("utf-8").decode(data);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: maxBytes }).toString("utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new XlsxTooLargeError("entry too large");
    throw new XlsxFormatError("corrupt entry");
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Styles                                                                                     */

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  const stripped = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  if (/^(general|@)$/i.test(stripped.trim())) return false;
  return /[ymdhs]/i.test(stripped) && !/[#0?]/.test(stripped.replace(/\.0+/g, ""));
}

function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] ?? "", "numFmtId"));
    const code = attr(m[1] ?? "", "formatCode");
    if (Number.isFinite(id) && code !== undefined) custom.set(id, unescapeXml(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? "";
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1] ?? "", "numFmtId") ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Cells and rows                                                                             */

export function columnLetter(idx: number): string {
  let n = idx + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Excel serial day → "YYYY-MM-DD" (the time of day is dropped). */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const d = new Date(Math.round((Math.floor(serial) - (date1904 ? 24107 : 25569)) * 86_400_000));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const F_RE = /<(?:\w+:)?f\b/;
const IS_RE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;

class RowScanner {
  private lastRow = 0;
  constructor(
    private readonly shared: readonly string[],
    private readonly dateXf: readonly boolean[],
  ) {}

  /** Scan complete `<row>` elements in `xml`. */
  *scan(xml: string): Generator<XlsxRow> {
    ROW_RE.lastIndex = 0;
    for (let m = ROW_RE.exec(xml); m; m = ROW_RE.exec(xml)) {
      const r = attr(m[1] ?? "", "r");
      const rowNumber = r !== undefined ? Number(r) : this.lastRow + 1;
      this.lastRow = rowNumber;
      const body = m[2];
      if (!body) continue;
      const cells: Array<XlsxCell | undefined> = [];
      let lastCol = -1;
      CELL_RE.lastIndex = 0;
      for (let c = CELL_RE.exec(body); c; c = CELL_RE.exec(body)) {
        const attrs = c[1] ?? "";
        const ref = attr(attrs, "r");
        const col = ref !== undefined ? columnIndex(ref) : lastCol + 1;
        lastCol = col;
        const inner = c[2];
        if (!inner) continue;
        const formula = F_RE.test(inner);
        const t = attr(attrs, "t");
        const s = attr(attrs, "s");
        const dateStyle = s !== undefined && this.dateXf[Number(s)] === true;
        let cell: XlsxCell | undefined;
        if (t === "inlineStr") {
          const is = IS_RE.exec(inner);
          cell = { kind: "s", text: is ? richText(is[1] ?? "") : "", dateStyle, formula };
        } else {
          const v = V_RE.exec(inner);
          const raw = v ? (v[1] ?? "") : "";
          if (t === "s") cell = { kind: "s", text: v ? (this.shared[Number(raw)] ?? "") : "", dateStyle, formula };
          else if (t === "str") cell = { kind: "s", text: unescapeXml(raw), dateStyle, formula };
          else if (t === "b") cell = { kind: "b", text: raw === "1" ? "TRUE" : "FALSE", dateStyle, formula };
          else if (t === "e") cell = { kind: "e", text: unescapeXml(raw), dateStyle, formula };
          else if (t === "d") cell = { kind: "d", text: raw.slice(0, 10), dateStyle, formula };
          else if (v) cell = { kind: "n", text: raw, num: Number(raw), dateStyle, formula };
          else if (formula) cell = { kind: "s", text: "", dateStyle, formula };
        }
        if (cell) cells[col] = cell;
      }
      yield { rowNumber, cells };
    }
  }
}

/** The index just past the last complete `</row>` (or `</x:row>`) in `s`, or 0. */
function lastRowEnd(s: string): number {
  let i = s.lastIndexOf("row>");
  while (i >= 0) {
    // closing tag: "</row>" or "</prefix:row>"
    let j = i - 1;
    if (s[j] === ":") {
      j--;
      while (j >= 0 && /\w/.test(s[j] as string)) j--;
    }
    if (s[j] === "/" && s[j - 1] === "<") return i + 4;
    i = s.lastIndexOf("row>", i - 1);
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */

/**
 * Open a workbook held in memory. Throws XlsxFormatError when the bytes are not an .xlsx
 * (no zip directory, no xl/workbook.xml, no worksheet).
 */
export function openWorkbook(bytes: Uint8Array, options: { maxInflatedBytes?: number } = {}): XlsxWorkbook {
  const maxInflated = options.maxInflatedBytes ?? 1024 * 1024 * 1024;
  const entries = readCentralDirectory(bytes);
  const get = (name: string): ZipEntry | undefined => entries.get(name.replace(/^\//, "").toLowerCase());
  const text = (name: string, limit = 256 * 1024 * 1024): string | null => {
    const e = get(name);
    return e ? inflate(entryData(bytes, e), e.method, limit) : null;
  };

  const workbookXml = text("xl/workbook.xml");
  if (workbookXml === null) throw new XlsxFormatError("no xl/workbook.xml");
  const relsXml = text("xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? "", "Id");
    const target = attr(m[1] ?? "", "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: Array<{ name: string; path: string }> = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = m[1] ?? "";
    const rid = attr(a, "r:id") ?? /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(a)?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path && get(path)) sheets.push({ name: unescapeXml(attr(a, "name") ?? ""), path });
  }
  if (sheets.length === 0) {
    // Some writers omit the relationships: fall back to the worksheet files themselves.
    for (const e of entries.values()) if (/^xl\/worksheets\/sheet\d+\.xml$/i.test(e.name)) sheets.push({ name: e.name, path: e.name });
    sheets.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
  }
  if (sheets.length === 0) throw new XlsxFormatError("no worksheet");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbookXml);

  let shared: string[] | null = null;
  let dateXf: boolean[] | null = null;
  const loadShared = (): string[] => {
    if (shared) return shared;
    const sst = text("xl/sharedStrings.xml", maxInflated);
    const list: string[] = [];
    if (sst) {
      for (const m of sst.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) list.push(m[1] ? richText(m[1]) : "");
    }
    shared = list;
    return list;
  };

  return {
    sheets,
    date1904,
    rows(sheet) {
      const entry = get(sheet.path);
      if (!entry) throw new XlsxFormatError("missing worksheet");
      return {
        async *[Symbol.asyncIterator]() {
          dateXf ??= dateStyles(text("xl/styles.xml"));
          const scanner = new RowScanner(loadShared(), dateXf);
          const data = entryData(bytes, entry);
          const decoder = new StringDecoder("utf8");
          let pending = "";
          let inflated = 0;
          const source: AsyncIterable<Buffer> =
            entry.method === 0 ? Readable.from([Buffer.from(data)]) : Readable.from([Buffer.from(data)]).pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }));
          try {
            for await (const chunk of source) {
              inflated += chunk.length;
              if (inflated > maxInflated) throw new XlsxTooLargeError("worksheet too large");
              pending += decoder.write(chunk);
              const end = lastRowEnd(pending);
              if (end > 0) {
                yield* scanner.scan(pending.slice(0, end));
                pending = pending.slice(end);
              }
            }
          } catch (e) {
            if (e instanceof XlsxTooLargeError) throw e;
            if ((e as { code?: string }).code?.startsWith("Z_")) throw new XlsxFormatError("corrupt worksheet");
            throw e;
          }
          pending += decoder.end();
          yield* scanner.scan(pending);
        },
      };
    },
  };
}
