/**
 * Request validation (settlement-contract.md "Request", "Input, dates, rounding";
 * quality.md "Money"). Hand-written for precise Chinese messages that name the field,
 * and for throughput: it runs once per settlement.
 */
import { findPolicySet } from "@/lib/policy/catalogue";
import { EngineError } from "@/lib/policy/errors";
import { checkParamValue, PARAMETER_KEYS } from "@/lib/policy/keys";
import {
  CATEGORY_CODES,
  HOSPITAL_LEVELS,
  LOCATIONS,
  REFERRALS,
  VISIT_KINDS,
  type CategoryCode,
  type HospitalLevel,
  type InsuranceTier,
  type ParamValue,
} from "@/lib/policy/types";
import { D, money } from "./decimal";
import { YEAR_TO_DATE_FIELDS, type SettlementRequest, type SubsidyRequest, type YearToDate } from "./types";

const MONEY_RE = /^\d+(\.\d{1,2})?$/;
/** Already normal: at most 9 integer digits (< 1,000,000,000, so within the limit), exactly two decimals. */
const MONEY2_RE = /^\d{1,9}\.\d\d$/;
const NUMERIC_RE = /^-?\d+(\.\d+)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_MONEY = new D("1000000000");

const LABELS: Record<string, string> = {
  policy: "政策代码",
  region: "行政区划代码",
  date: "结算日期",
  person: "参保人信息",
  "person.categories": "人员类别",
  "person.insuranceTier": "参保档次",
  visit: "就诊信息",
  "visit.kind": "就诊类型",
  "visit.hospitalLevel": "医院等级",
  "visit.location": "就医地",
  "visit.referral": "转诊情况",
  "visit.specialDisease": "是否特殊疾病",
  "visit.transferFromLevel": "转出医院等级",
  "visit.totalCost": "医疗总费用",
  "visit.outOfCatalogCost": "目录外费用",
  "visit.selfPayFirstCost": "先行自付费用",
  yearToDate: "本年度累计",
  "yearToDate.basicPaid": "本年基本医保已支付",
  "yearToDate.criticalBase": "本年大病保险累计费用",
  "yearToDate.criticalPaid": "本年大病保险已支付",
  "yearToDate.supplementaryPaid": "本年补充保险已支付",
  "yearToDate.assistancePaid": "本年医疗救助已支付",
  "yearToDate.assistanceOtherDiseasePaid": "本年其他疾病救助已支付",
  "yearToDate.tiltedPaid": "本年倾斜救助已支付",
  "yearToDate.assistanceDeductibleMet": "本年已达救助起付标准金额",
  overrides: "参数调整",
};

function label(field: string): string {
  return LABELS[field] ?? field;
}

function fail(field: string, message: string): never {
  throw new EngineError("INVALID_REQUEST", message, field);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function noUnknown(obj: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    if (!allowed.includes(k)) {
      const field = prefix ? `${prefix}.${k}` : k;
      fail(field, `不认识的字段“${field}”，请删除或检查拼写`);
    }
  }
}

/** Money: a decimal string, ≤ 2 decimals, ≥ 0, ≤ 1,000,000,000. Returns it with two decimals. */
export function parseMoney(v: unknown, field: string, name: string = label(field)): string {
  if (typeof v === "string") {
    // The usual case, without a decimal temporary: already "<digits>.<2 digits>" with no leading zero.
    const n = v.length;
    if (n >= 4 && n <= 13 && v.charCodeAt(n - 3) === 46 && (v.charCodeAt(0) !== 48 || n === 4) && MONEY2_RE.test(v)) return v;
  }
  if (typeof v === "number") fail(field, `${name}须以字符串填写（例如 "1200.00"），不接受数字格式，以免金额被四舍五入`);
  if (typeof v !== "string") fail(field, `${name}须为金额字符串，例如 "1200.00"`);
  if (!MONEY_RE.test(v)) {
    if (NUMERIC_RE.test(v)) {
      if (v.startsWith("-")) fail(field, `${name}不能为负数`);
      fail(field, `${name}最多保留两位小数（到分）`);
    }
    fail(field, `${name}“${v}”不是有效的金额，请填写数字，例如 "1200.00"`);
  }
  const d = new D(v);
  if (d.gt(MAX_MONEY)) fail(field, `${name}不能超过1,000,000,000元`);
  return money(d);
}

/** "visit.totalCost", "yearToDate.basicPaid", …: field names built once, not per request */
const FIELD_NAMES = new Map<string, Map<string, string>>();
function fieldName(prefix: string, key: string): string {
  let m = FIELD_NAMES.get(prefix);
  if (!m) {
    m = new Map();
    FIELD_NAMES.set(prefix, m);
  }
  let f = m.get(key);
  if (f === undefined) {
    f = `${prefix}.${key}`;
    if (m.size < 64) m.set(key, f);
  }
  return f;
}

function optionalMoney(obj: Record<string, unknown>, key: string, prefix: string): string {
  const v = obj[key];
  return v === undefined || v === null ? "0.00" : parseMoney(v, fieldName(prefix, key));
}

function oneOf<T>(v: unknown, allowed: readonly T[], field: string, hint: string): T {
  if (!allowed.includes(v as T)) fail(field, `${label(field)}须为${hint}`);
  return v as T;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function parseDate(v: unknown, field = "date"): string {
  if (typeof v !== "string") fail(field, `${label(field)}须为“YYYY-MM-DD”格式的日期，例如 "2024-03-15"`);
  const m = DATE_RE.exec(v);
  const y = m ? Number(m[1]) : 0;
  const mo = m ? Number(m[2]) : 0;
  const d = m ? Number(m[3]) : 0;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (!m || y < 1900 || mo < 1 || mo > 12 || d < 1 || d > (days[mo - 1] ?? 0)) {
    fail(field, `${label(field)}“${v}”不是有效日期，请按“YYYY-MM-DD”填写，例如 "2024-03-15"`);
  }
  return v;
}

function parsePolicyAndRegion(obj: Record<string, unknown>): { policy?: string; region?: string } {
  const out: { policy?: string; region?: string } = {};
  if (obj.policy !== undefined && obj.policy !== null) {
    if (typeof obj.policy !== "string" || !findPolicySet(obj.policy)) {
      fail("policy", `没有代码为“${String(obj.policy)}”的政策，请检查政策代码`);
    }
    out.policy = obj.policy;
  }
  if (obj.region !== undefined && obj.region !== null) {
    if (typeof obj.region !== "string" || !/^\d{6}$/.test(obj.region)) fail("region", "行政区划代码须为6位数字，例如 \"500243\"");
    out.region = obj.region;
  }
  return out;
}

function parsePerson(v: unknown): { categories: CategoryCode[]; insuranceTier: InsuranceTier } {
  if (!isObject(v)) fail("person", "缺少参保人信息（person）");
  noUnknown(v, ["categories", "insuranceTier"], "person");
  const cats = v.categories ?? [];
  if (!Array.isArray(cats)) fail("person.categories", "人员类别须为类别代码的数组，例如 [\"DIBAO\"]");
  const categories: CategoryCode[] = [];
  for (let i = 0; i < cats.length; i++) {
    if (!(i in cats)) continue; // a hole, as forEach skipped it
    const c: unknown = cats[i];
    if (!CATEGORY_CODES.includes(c as CategoryCode)) {
      fail(`person.categories[${i}]`, `不认识的人员类别“${String(c)}”，可用代码：${CATEGORY_CODES.join("、")}`);
    }
    if (!categories.includes(c as CategoryCode)) categories.push(c as CategoryCode);
  }
  const insuranceTier = oneOf(v.insuranceTier, [1, 2] as const, "person.insuranceTier", " 1（一档）或 2（二档）");
  return { categories, insuranceTier };
}

export function parseOverrides(v: unknown): Record<string, ParamValue> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) fail("overrides", "参数调整（overrides）须为“参数键: 取值”的对象");
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(v).sort()) {
    const field = `overrides.${key}`;
    if (!PARAMETER_KEYS[key]) fail(field, `不认识的参数“${key}”，不能调整`);
    const problem = checkParamValue(key, v[key]);
    if (problem) fail(field, problem);
    out[key] = v[key] as ParamValue;
  }
  return out;
}

function parseYearToDate(v: unknown): YearToDate {
  const out = {} as YearToDate;
  if (v !== undefined && v !== null && !isObject(v)) fail("yearToDate", "本年度累计（yearToDate）须为对象");
  const obj = (v ?? {}) as Record<string, unknown>;
  noUnknown(obj, YEAR_TO_DATE_FIELDS, "yearToDate");
  for (const f of YEAR_TO_DATE_FIELDS) out[f] = optionalMoney(obj, f, "yearToDate");
  return out;
}

/** Validates and normalises a settlement request; throws EngineError(INVALID_REQUEST). */
export function parseSettlementRequest(input: unknown): SettlementRequest {
  if (!isObject(input)) fail("request", "请求须为 JSON 对象");
  noUnknown(input, ["policy", "region", "date", "person", "visit", "yearToDate", "overrides"], "");
  const pr = parsePolicyAndRegion(input);
  const date = parseDate(input.date);
  const person = parsePerson(input.person);
  const v = input.visit;
  if (!isObject(v)) fail("visit", "缺少就诊信息（visit）");
  noUnknown(
    v,
    ["kind", "hospitalLevel", "location", "referral", "specialDisease", "transferFromLevel", "totalCost", "outOfCatalogCost", "selfPayFirstCost"],
    "visit",
  );
  const kind = oneOf(v.kind, VISIT_KINDS, "visit.kind", "“inpatient”（住院）、“outpatient_special”（门诊慢特病）或“outpatient_general”（普通门诊）");
  const hospitalLevel = oneOf(v.hospitalLevel, HOSPITAL_LEVELS, "visit.hospitalLevel", " 0（基层/未定级）、1、2 或 3");
  const location = oneOf(v.location, LOCATIONS, "visit.location", "“county”、“city”、“province”或“out_of_province”");
  const referral = oneOf(v.referral, REFERRALS, "visit.referral", "“not_required”、“referred”或“unreferred”");
  const specialDisease = v.specialDisease === undefined || v.specialDisease === null ? false : v.specialDisease;
  if (typeof specialDisease !== "boolean") fail("visit.specialDisease", "是否特殊疾病须为 true 或 false");
  const transferFromLevel: HospitalLevel | null =
    v.transferFromLevel === undefined || v.transferFromLevel === null
      ? null
      : oneOf(v.transferFromLevel, HOSPITAL_LEVELS, "visit.transferFromLevel", " 0、1、2、3 或 null");
  if (v.totalCost === undefined || v.totalCost === null) fail("visit.totalCost", "请填写医疗总费用（visit.totalCost）");
  const totalCost = parseMoney(v.totalCost, "visit.totalCost");
  const outOfCatalogCost = optionalMoney(v, "outOfCatalogCost", "visit");
  const selfPayFirstCost = optionalMoney(v, "selfPayFirstCost", "visit");
  const bothZero = outOfCatalogCost === "0.00" && selfPayFirstCost === "0.00";
  if (!bothZero && new D(outOfCatalogCost).plus(selfPayFirstCost).gt(totalCost)) {
    fail("visit.outOfCatalogCost", "目录外费用与先行自付费用之和不能超过医疗总费用");
  }
  const out: SettlementRequest = {
    ...pr,
    date,
    person,
    visit: { kind, hospitalLevel, location, referral, specialDisease, transferFromLevel, totalCost, outOfCatalogCost, selfPayFirstCost },
    yearToDate: parseYearToDate(input.yearToDate),
    overrides: parseOverrides(input.overrides),
  };
  return out;
}

/** Validates and normalises a premium-subsidy request. */
export function parseSubsidyRequest(input: unknown): SubsidyRequest {
  if (!isObject(input)) fail("request", "请求须为 JSON 对象");
  noUnknown(input, ["policy", "region", "date", "person", "overrides"], "");
  const pr = parsePolicyAndRegion(input);
  return { ...pr, date: parseDate(input.date), person: parsePerson(input.person), overrides: parseOverrides(input.overrides) };
}
