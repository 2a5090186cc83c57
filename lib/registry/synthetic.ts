/**
 * Deterministic synthetic registry data for 彭水 (quality.md "A synthetic data generator"):
 * people, their identities over time, monthly department lists, and the list files.
 *
 * Public surface:
 *  - `createRng(seed)` → `{ next(): number in [0,1), int(n), pick(arr), weighted(pairs) }` (sfc32)
 *  - `loadTownships(countyCode = "500243")` → townships from db/data/regions.csv;
 *    `parseTownshipsCsv(text, countyCode)` (pure)
 *  - `generatePersons({ count, seed, townships?, from?, to? })` → SyntheticPerson[]
 *  - `departmentList(persons, department, month, { seed })` → ListCells[]: 新增 / 减少 / 在册 rows of
 *    that department's categories for the month, written the way clerks write them (labels or
 *    codes, several date formats, township names or codes) yet all valid
 *  - `generateDepartmentRows({ department, month, count, seed, townships? })` → exactly `count` rows
 *    (benchmarks: a 100,000-row file)
 *  - `listToday(month)` → the `today` under which a generated list validates (the 5th of the next month)
 *  - `encodeListCsv(rows, "utf-8" | "gbk", { bom? })`, `encodeListXlsx(rows)` → file bytes
 *  - `encodePersonsCsv(persons)` → UTF-8 CSV (with BOM) of the people and their identities
 *
 * No Math.random, no clock: the same arguments give the same bytes. Identity semantics: an
 * identity is in force from `certifiedOn` (inclusive) to `removedOn` (exclusive). In a list, a
 * 新增 or 在册 row carries the certification date, a 减少 row the date the removal was decided.
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import {
  CATEGORY_FULL_LABELS,
  CATEGORY_LABELS,
  CATEGORY_SHORT_LABELS,
  CHANGE_TYPE_LABELS,
  DEPARTMENT_CATEGORY_CODES,
  categoryDepartment,
} from "./department-categories";
import { idCheckDigit } from "./id-number";
import { LIST_COLUMNS, type ColumnKey } from "./list-file";
import { monthEnd } from "./months";

/* ------------------------------------------------------------------------------------------ */
/* PRNG                                                                                       */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight from [value, weight] pairs. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T;
}

function hashSeed(seed: string): [number, number, number, number] {
  // cyrb128
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A small, fast, seedable generator (sfc32 seeded by cyrb128 of the seed's text). */
export function createRng(seed: number | string): Rng {
  let [a, b, c, d] = hashSeed(String(seed));
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let r = next() * total;
      for (const [v, w] of pairs) {
        r -= w;
        if (r < 0) return v;
      }
      return (pairs[pairs.length - 1] as readonly [(typeof pairs)[number][0], number])[0];
    },
  };
  return rng;
}

/* ------------------------------------------------------------------------------------------ */
/* Townships                                                                                  */

export interface Township {
  code: string;
  name: string;
}

/** The townships (nine-digit codes) of a county from regions.csv text (code,name,parent,level). */
export function parseTownshipsCsv(text: string, countyCode: string): Township[] {
  const out: Township[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [code, name, parent, level] = line.split(",");
    if (parent === countyCode && level === "township" && code && name) out.push({ code, name });
  }
  return out;
}

let townshipCache: Map<string, Township[]> | undefined;

/** The townships of a county as shipped in db/data/regions.csv (彭水: 39). */
export function loadTownships(countyCode = "500243"): Township[] {
  townshipCache ??= new Map();
  let list = townshipCache.get(countyCode);
  if (!list) {
    const text = readFileSync(new URL("../../db/data/regions.csv", import.meta.url), "utf8");
    list = parseTownshipsCsv(text, countyCode);
    townshipCache.set(countyCode, list);
  }
  return list;
}

/* ------------------------------------------------------------------------------------------ */
/* Days                                                                                       */

const DAY = 86_400_000;

function toDay(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY);
}

function fromDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function monthBounds(month: string): { start: string; end: string } {
  return { start: `${month}-01`, end: monthEnd(month) };
}

/** The `today` under which the list of `month` validates: the 5th of the following month. */
export function listToday(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-05` : `${y}-${String(m + 1).padStart(2, "0")}-05`;
}

/* ------------------------------------------------------------------------------------------ */
/* People                                                                                     */

export type Sex = "male" | "female";

export interface SyntheticIdentity {
  category: CategoryCode;
  department: DepartmentCode;
  /** First day in force. */
  certifiedOn: string;
  /** First day no longer in force (exclusive), or null. */
  removedOn: string | null;
}

export interface SyntheticPerson {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  townshipCode: string;
  townshipName: string;
  phone: string | null;
  identities: SyntheticIdentity[];
}

/** Surnames common in 彭水 (冉, 向, 任, 侯, 田 are local) with rough weights. */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ["冉", 6], ["向", 5], ["任", 4], ["侯", 4], ["田", 5], ["张", 7], ["王", 6], ["李", 6], ["刘", 5], ["陈", 5],
  ["杨", 4], ["黄", 3], ["周", 3], ["吴", 3], ["何", 3], ["罗", 3], ["谢", 2], ["庞", 2], ["蔡", 2], ["龚", 2],
  ["文", 2], ["汪", 2], ["苏", 1], ["彭", 2], ["石", 2], ["余", 2], ["高", 2], ["赵", 2], ["代", 2], ["邓", 2],
  ["万", 1], ["龙", 2], ["廖", 1], ["徐", 2], ["胡", 2], ["朱", 1], ["曾", 1], ["付", 1], ["钱", 1], ["秦", 1],
  ["熊", 1], ["喻", 1], ["简", 1], ["庹", 1], ["欧阳", 0.3], ["司马", 0.1],
];

const GIVEN_MALE_OLD = ["德", "明", "国", "华", "建", "文", "光", "学", "仁", "志", "成", "福", "贵", "云", "海", "清", "正", "永", "世", "忠", "廷", "朝", "安", "春", "发", "平", "贤", "祥", "林", "山"];
const GIVEN_MALE_NEW = ["伟", "强", "军", "勇", "杰", "涛", "斌", "超", "波", "辉", "鹏", "浩", "宇", "俊", "帆", "豪", "轩", "睿", "泽", "博", "磊", "洋", "飞", "凯", "航", "晨", "阳", "毅", "川", "江"];
const GIVEN_FEMALE_OLD = ["秀", "英", "兰", "芳", "桂", "珍", "凤", "玉", "琼", "素", "群", "淑", "翠", "莲", "菊", "梅", "春", "银", "金", "仙", "碧", "惠", "容", "华", "会"];
const GIVEN_FEMALE_NEW = ["丽", "娟", "敏", "静", "燕", "艳", "玲", "霞", "婷", "雪", "欣", "怡", "涵", "琪", "萱", "悦", "佳", "倩", "瑶", "雨", "梦", "蕾", "露", "颖", "思"];

function makeName(rng: Rng, sex: Sex, birthYear: number): string {
  const surname = rng.weighted(SURNAMES);
  const old = birthYear < 1975;
  const pool = sex === "male" ? (old ? GIVEN_MALE_OLD : GIVEN_MALE_NEW) : old ? GIVEN_FEMALE_OLD : GIVEN_FEMALE_NEW;
  const mix = sex === "male" ? (old ? GIVEN_MALE_NEW : GIVEN_MALE_OLD) : old ? GIVEN_FEMALE_NEW : GIVEN_FEMALE_OLD;
  const first = rng.pick(pool);
  if (rng.next() < 0.22) return surname + first; // one-character given name
  const second = rng.next() < 0.75 ? rng.pick(pool) : rng.pick(mix);
  return surname + first + (second === first && rng.next() < 0.7 ? rng.pick(mix) : second);
}

/** Age at the reference date: children, working age, elderly, very old (rural county profile). */
const AGE_BANDS: ReadonlyArray<readonly [[number, number], number]> = [
  [[0, 15], 0.17],
  [[15, 60], 0.56],
  [[60, 80], 0.21],
  [[80, 98], 0.06],
];

const MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "166", "173", "177", "180", "181", "183", "185", "187", "188", "189", "191", "199"];

function makePhone(rng: Rng, age: number): string | null {
  if (age < 16 || rng.next() < (age > 75 ? 0.5 : 0.12)) return null;
  if (rng.next() < 0.06) return `023-7${String(rng.int(10_000_000)).padStart(7, "0")}`; // 彭水 landline
  return `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(100_000_000)).padStart(8, "0")}`;
}

interface PersonCore {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  township: Township;
  phone: string | null;
  age: number;
}

class PersonFactory {
  private readonly used = new Set<string>();
  private readonly weights: ReadonlyArray<readonly [Township, number]>;
  private readonly refDay: number;

  constructor(
    private readonly rng: Rng,
    townships: readonly Township[],
    private readonly regionCode: string,
    referenceDate: string,
  ) {
    if (townships.length === 0) throw new RangeError("没有乡镇（街道）可用于生成数据");
    // 街道 (the county seat) are more populous than 镇, 镇 more than 乡.
    this.weights = townships.map((t) => [t, t.name.endsWith("街道") ? 3 : t.name.endsWith("镇") ? 1.5 : 1] as const);
    this.refDay = toDay(referenceDate); // ages are counted at this date
  }

  make(minAge = 0): PersonCore {
    const rng = this.rng;
    let [lo, hi] = rng.weighted(AGE_BANDS);
    lo = Math.max(lo, minAge);
    hi = Math.max(hi, lo + 1);
    const birthDay = this.refDay - Math.floor((lo + rng.next() * (hi - lo)) * 365.25) - 1;
    const birthDate = fromDay(birthDay);
    const age = Math.floor((this.refDay - birthDay) / 365.25);
    const sex: Sex = rng.next() < 0.51 ? "male" : "female";
    let idNumber = "";
    for (let attempt = 0; ; attempt++) {
      const seq = rng.int(500) * 2 + (sex === "male" ? 1 : 0); // 17th digit odd for men
      const body = `${this.regionCode}${birthDate.replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
      if (!this.used.has(body)) {
        this.used.add(body);
        idNumber = body + idCheckDigit(body);
        break;
      }
      if (attempt > 2000) throw new RangeError("无法生成不重复的公民身份号码");
    }
    const name = makeName(rng, sex, Number(birthDate.slice(0, 4)));
    const township = rng.weighted(this.weights);
    return { idNumber, name, sex, birthDate, township, phone: makePhone(rng, age), age };
  }
}

export interface GeneratePersonsOptions {
  count: number;
  seed: number | string;
  townships?: readonly Township[];
  /** Six-digit county code of the ID numbers (default 500243 彭水). */
  regionCode?: string;
  /** Identities are certified between `from` and `to` (defaults 2016-01-01, 2025-12-31). */
  from?: string;
  to?: string;
}

/** First-identity shares (of all people); most people hold none (NONE). */
const FIRST_CATEGORY: ReadonlyArray<readonly [CategoryCode, number]> = [
  ["TEKUN", 0.6],
  ["DIBAO", 4.2],
  ["DIBIAN", 1.0],
  ["YINBING", 0.3],
  ["FANPIN", 1.4],
  ["JIANCE", 2.0],
  ["YOUFU", 0.5],
  ["ZHONGCAN", 0.8],
  ["NONE", 89.2],
];

/** A second identity some holders also have (several identities → 就高不重复). */
const SECOND_CATEGORY: Partial<Record<CategoryCode, ReadonlyArray<readonly [CategoryCode, number]>>> = {
  DIBAO: [["FANPIN", 0.12], ["ZHONGCAN", 0.06], ["YINBING", 0.03]],
  TEKUN: [["ZHONGCAN", 0.2]],
  FANPIN: [["DIBAO", 0.1]],
  JIANCE: [["DIBAO", 0.08], ["DIBIAN", 0.05]],
  DIBIAN: [["JIANCE", 0.1]],
  YOUFU: [["DIBAO", 0.05]],
  ZHONGCAN: [["DIBAO", 0.15]],
};

function makeIdentity(rng: Rng, category: CategoryCode, birthDate: string, fromDayN: number, toDayN: number): SyntheticIdentity {
  const earliest = Math.max(fromDayN, toDay(birthDate) + 1);
  const certified = earliest + rng.int(Math.max(1, toDayN - earliest + 1));
  let removedOn: string | null = null;
  if (rng.next() < 0.3) {
    const removed = certified + 90 + rng.int(2000); // at least three months later: never in the same month
    if (removed <= toDayN) removedOn = fromDay(removed);
  }
  return { category, department: categoryDepartment(category) ?? "YIBAO", certifiedOn: fromDay(certified), removedOn };
}

/** People of the county with their identities over time. */
export function generatePersons(options: GeneratePersonsOptions): SyntheticPerson[] {
  const rng = createRng(`persons:${options.seed}`);
  const from = options.from ?? "2016-01-01";
  const to = options.to ?? "2025-12-31";
  const factory = new PersonFactory(rng, options.townships ?? loadTownships(), options.regionCode ?? "500243", to);
  const fromN = toDay(from);
  const toN = toDay(to);
  const out: SyntheticPerson[] = [];
  for (let i = 0; i < options.count; i++) {
    const p = factory.make();
    const identities: SyntheticIdentity[] = [];
    let first = rng.weighted(FIRST_CATEGORY);
    if (first === "TEKUN" && p.age >= 16 && p.age < 55 && rng.next() < 0.7) first = "DIBAO"; // 特困: mostly old people and orphans
    if (first === "YOUFU" && p.age < 40) first = "NONE"; // 优抚: veterans, their families
    if (first !== "NONE") {
      identities.push(makeIdentity(rng, first, p.birthDate, fromN, toN));
      for (const [second, share] of SECOND_CATEGORY[first] ?? []) {
        if (rng.next() < share && !identities.some((x) => x.category === second)) {
          identities.push(makeIdentity(rng, second, p.birthDate, fromN, toN));
        }
      }
      // Poverty-alleviation history: 建档立卡 (扶贫办) until the 2021 transition.
      if ((first === "FANPIN" || first === "JIANCE") && rng.next() < 0.3) {
        const start = Math.max(toDay("2016-01-01"), toDay(p.birthDate) + 1);
        const end = toDay("2021-01-01");
        if (start < end - 120) {
          identities.push({ category: "JIANDANG", department: "FUPIN", certifiedOn: fromDay(start + rng.int(end - 120 - start)), removedOn: "2021-01-01" });
        }
      }
    }
    out.push({
      idNumber: p.idNumber,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      townshipCode: p.township.code,
      townshipName: p.township.name,
      phone: p.phone,
      identities,
    });
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Department lists                                                                           */

/** The cells of one list row, as text written into a file. */
export type ListCells = Record<ColumnKey, string>;

/** Write a category, change type, date and township the way different clerks do (all valid). */
class CellStyler {
  constructor(private readonly rng: Rng) {}

  category(c: CategoryCode): string {
    return this.rng.weighted<string>([
      [CATEGORY_LABELS[c], 70],
      [CATEGORY_SHORT_LABELS[c], 15],
      [CATEGORY_FULL_LABELS[c], 10],
      [c, 5],
    ]);
  }

  change(t: "ADD" | "REMOVE" | "CURRENT"): string {
    return this.rng.next() < 0.95 ? CHANGE_TYPE_LABELS[t] : t;
  }

  date(iso: string): string {
    const y = iso.slice(0, 4);
    const m = Number(iso.slice(5, 7));
    const d = Number(iso.slice(8, 10));
    return this.rng.weighted<string>([
      [iso, 70],
      [`${y}/${m}/${d}`, 20],
      [`${y}年${m}月${d}日`, 10],
    ]);
  }

  township(t: Township): string {
    return this.rng.next() < 0.9 ? t.name : t.code;
  }
}

const ORDER: Record<"ADD" | "REMOVE" | "CURRENT", number> = { CURRENT: 0, ADD: 1, REMOVE: 2 };

/** The list a department sends for `month`: 在册, 新增 and 减少 rows of its categories. */
export function departmentList(
  persons: readonly SyntheticPerson[],
  department: DepartmentCode,
  month: string,
  options: { seed: number | string },
): ListCells[] {
  const { start, end } = monthBounds(month);
  const styler = new CellStyler(createRng(`list:${options.seed}:${department}:${month}`));
  const cats = DEPARTMENT_CATEGORY_CODES[department];
  const picked: Array<{ p: SyntheticPerson; i: SyntheticIdentity; type: "ADD" | "REMOVE" | "CURRENT"; date: string }> = [];
  for (const p of persons) {
    for (const i of p.identities) {
      if (!cats.includes(i.category)) continue;
      if (i.removedOn !== null && i.removedOn >= start && i.removedOn <= end) picked.push({ p, i, type: "REMOVE", date: i.removedOn });
      else if (i.certifiedOn >= start && i.certifiedOn <= end) picked.push({ p, i, type: "ADD", date: i.certifiedOn });
      else if (i.certifiedOn < start && (i.removedOn === null || i.removedOn > end)) picked.push({ p, i, type: "CURRENT", date: i.certifiedOn });
    }
  }
  // Government exports come sorted by township, then change type, then ID number.
  picked.sort(
    (a, b) =>
      (a.p.townshipCode < b.p.townshipCode ? -1 : a.p.townshipCode > b.p.townshipCode ? 1 : 0) ||
      ORDER[a.type] - ORDER[b.type] ||
      (a.p.idNumber < b.p.idNumber ? -1 : a.p.idNumber > b.p.idNumber ? 1 : 0) ||
      (a.i.category < b.i.category ? -1 : 1),
  );
  return picked.map(({ p, i, type, date }) => ({
    idNumber: p.idNumber,
    name: p.name,
    category: styler.category(i.category),
    changeType: styler.change(type),
    certifiedOn: styler.date(date),
    township: styler.township({ code: p.townshipCode, name: p.townshipName }),
    phone: p.phone ?? "",
  }));
}

/** Exactly `count` valid rows for one department and month (fresh people, one identity each). */
export function generateDepartmentRows(options: {
  department: DepartmentCode;
  month: string;
  count: number;
  seed: number | string;
  townships?: readonly Township[];
}): ListCells[] {
  const cats = DEPARTMENT_CATEGORY_CODES[options.department];
  if (cats.length === 0) throw new RangeError("该部门不报送任何类别");
  const rng = createRng(`rows:${options.seed}:${options.department}:${options.month}`);
  const { start, end } = monthBounds(options.month);
  const startN = toDay(start);
  const endN = toDay(end);
  const factory = new PersonFactory(rng, options.townships ?? loadTownships(), "500243", start);
  const styler = new CellStyler(rng);
  const weights = FIRST_CATEGORY.filter(([c]) => cats.includes(c));
  const catWeights = weights.length > 0 ? weights : cats.map((c) => [c, 1] as const);
  const rows: ListCells[] = [];
  for (let k = 0; k < options.count; k++) {
    const p = factory.make(1); // born before the month starts
    const category = rng.weighted(catWeights);
    const type = rng.weighted<"ADD" | "REMOVE" | "CURRENT">([["CURRENT", 90], ["ADD", 6], ["REMOVE", 4]]);
    const birthN = toDay(p.birthDate);
    let date: number;
    if (type === "CURRENT") {
      const lo = Math.max(birthN + 1, toDay("2016-01-01"));
      date = lo >= startN ? startN - 1 : lo + rng.int(startN - lo);
    } else date = startN + rng.int(endN - startN + 1);
    rows.push({
      idNumber: p.idNumber,
      name: p.name,
      category: styler.category(category),
      changeType: styler.change(type),
      certifiedOn: styler.date(fromDay(Math.max(date, birthN))),
      township: styler.township(p.township),
      phone: p.phone ?? "",
    });
  }
  return rows;
}

/* ------------------------------------------------------------------------------------------ */
/* Encoders                                                                                   */

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function listCsvText(rows: readonly ListCells[]): string {
  const lines = [LIST_COLUMNS.map((c) => c.header).join(",")];
  for (const r of rows) lines.push(LIST_COLUMNS.map((c) => csvField(r[c.key])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * A list as CSV: "utf-8" (with a BOM unless `bom: false`, as Excel's “CSV UTF-8”) or "gbk"
 * (as Excel's default “CSV（逗号分隔）” on a Chinese Windows), CRLF line ends.
 */
export function encodeListCsv(rows: readonly ListCells[], encoding: "utf-8" | "gbk", options: { bom?: boolean } = {}): Uint8Array {
  const text = listCsvText(rows);
  if (encoding === "gbk") return new Uint8Array(iconv.encode(text, "gbk"));
  return new TextEncoder().encode((options.bom ?? true) ? `\ufeff${text}` : text);
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A list as an Excel workbook, written with exceljs' streaming writer (bounded memory).
 * 公民身份号码 and 联系电话 are text cells in text-formatted columns; ISO dates become real date
 * cells (yyyy-mm-dd), other date spellings stay text, as in real files.
 */
export async function encodeListXlsx(rows: readonly ListCells[]): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const fixed = new Date(Date.UTC(2024, 0, 1));
  // `created` / `modified` are read by the writer but missing from exceljs' typings.
  const writerOptions = { stream: sink, useStyles: true, useSharedStrings: false, created: fixed, modified: fixed };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(writerOptions as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  const ws = wb.addWorksheet("名单");
  ws.columns = LIST_COLUMNS.map((c) => ({
    key: c.key,
    width: c.key === "idNumber" ? 22 : c.key === "category" ? 24 : 14,
    style: c.key === "idNumber" || c.key === "phone" ? { numFmt: "@" } : {},
  }));
  ws.addRow(LIST_COLUMNS.map((c) => c.header)).commit();
  for (const r of rows) {
    const values: ExcelJS.CellValue[] = LIST_COLUMNS.map((c) => {
      const v = r[c.key];
      if (c.key === "certifiedOn" && ISO_RE.test(v)) {
        return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10))));
      }
      return v === "" ? null : v;
    });
    const row = ws.addRow(values);
    const dateCell = row.getCell(LIST_COLUMNS.findIndex((c) => c.key === "certifiedOn") + 1);
    if (dateCell.value instanceof Date) dateCell.numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return fixZipTimestamps(new Uint8Array(Buffer.concat(chunks)));
}

/**
 * Set every entry's DOS modification time (local header and central directory) to
 * 2024-01-01 00:00, so the same rows give the same bytes (archiver stamps the clock).
 */
function fixZipTimestamps(bytes: Uint8Array): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bytes;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let k = 0; k < count && dv.getUint32(p, true) === 0x02014b50; k++) {
    dv.setUint16(p + 12, 0, true);
    dv.setUint16(p + 14, dosDate, true);
    const local = dv.getUint32(p + 42, true);
    if (dv.getUint32(local, true) === 0x04034b50) {
      dv.setUint16(local + 10, 0, true);
      dv.setUint16(local + 12, dosDate, true);
    }
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return bytes;
}

/** People and their identities as CSV (UTF-8 with BOM), one person per line. */
export function encodePersonsCsv(persons: readonly SyntheticPerson[]): Uint8Array {
  const lines = ["公民身份号码,姓名,性别,出生日期,乡镇（街道）代码,乡镇（街道）,联系电话,身份（类别:起始日~终止日）"];
  for (const p of persons) {
    const ids = p.identities.map((i) => `${i.category}:${i.certifiedOn}~${i.removedOn ?? ""}`).join(";");
    lines.push([p.idNumber, p.name, p.sex === "male" ? "男" : "女", p.birthDate, p.townshipCode, p.townshipName, p.phone ?? "", ids].map(csvField).join(","));
  }
  return new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);
}
