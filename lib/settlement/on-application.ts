/**
 * On-application assistance (依申请救助, policy-book.md §P-APP, §P-ASSIST): the engine's
 * proposal for a case, from bills already settled by basic and critical-illness insurance.
 * Pure: no clock, no database.
 *
 *   amount = min(Σ selfPay × assistance.ratio.<category>, assistance.annualLimit − yearToDate.assistancePaid)
 *
 * rounded once to the fen (half-up). The category is resolved 就高不重复 from the categories
 * given, exactly as settlements do (P-ID-2); the caller passes the person's categories on the
 * submission date (which include YINBING when 民政 certified the applicant 因病致贫, P-APP-1/2).
 * The ratio is the special-disease route's (P-ASSIST-3): an application is reviewed case by
 * case, and the clerk may adjust the proposal with a written reason.
 */
import { assertPolicyInForce, getPolicySet, parameterVersion, policySetForRegion } from "@/lib/policy/catalogue";
import { EngineError } from "@/lib/policy/errors";
import { CATEGORY_CODES, type CategoryCode, type Citation, type PolicySet } from "@/lib/policy/types";
import { D, ZERO, dmax, money, pct, ratioText, round2, type Dec } from "./decimal";
import { resolveCategory } from "./engine";
import { CATEGORY_LABELS } from "./labels";
import { ParamReader, catalogueSource } from "./params";
import { ENGINE_VERSION } from "./settle";
import type { PolicyRef, SnapshotEntry, Step, Warning } from "./types";
import { parseDate, parseMoney } from "./validate";

export interface OnApplicationBill {
  hospitalName: string;
  visitDate: string;
  totalCost: string;
  insurancePaid: string;
  /** policy-range self-pay left after basic and critical-illness insurance */
  selfPay: string;
}

export interface OnApplicationRequest {
  policy?: string;
  region?: string;
  date: string;
  person: { categories: CategoryCode[] };
  bills: OnApplicationBill[];
  yearToDate: { assistancePaid: string };
}

export interface OnApplicationResult {
  policy: PolicyRef;
  date: string;
  resolvedCategory: CategoryCode;
  /** Σ selfPay */
  base: string;
  /** the category's assistance ratio ("0.80"), or null when the category is not assisted */
  ratio: string | null;
  amount: string;
  steps: Step[];
  warnings: Warning[];
  engineVersion: string;
  /** every parameter read, as read (the case keeps it with the proposal) */
  parameters: Record<string, SnapshotEntry>;
  request: OnApplicationRequest;
}

const MAX_BILLS = 50;

const BILL_LABELS: Record<keyof OnApplicationBill, string> = {
  hospitalName: "医院名称",
  visitDate: "就诊日期",
  totalCost: "医疗总费用",
  insurancePaid: "医保已支付",
  selfPay: "政策范围内个人自付",
};

function fail(field: string, message: string): never {
  throw new EngineError("INVALID_REQUEST", message, field);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function noUnknown(obj: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      const field = prefix ? `${prefix}.${k}` : k;
      fail(field, `不认识的字段“${field}”，请删除或检查拼写`);
    }
  }
}

/** A money string (the settlement request's rules, `parseMoney`), named for the applicant's bills. */
function parseAmount(v: unknown, field: string, name: string): string {
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) fail(field, `请填写${name}`);
  return parseMoney(v, field, name);
}

function parseBill(v: unknown, i: number): OnApplicationBill {
  const prefix = `bills[${i}]`;
  const nth = `第${i + 1}张票据`;
  if (!isObject(v)) fail(prefix, `${nth}须为对象`);
  noUnknown(v, Object.keys(BILL_LABELS), prefix);
  const hospitalName = typeof v.hospitalName === "string" ? v.hospitalName.trim() : "";
  if (!hospitalName) fail(`${prefix}.hospitalName`, `请填写${nth}的医院名称`);
  if (hospitalName.length > 80) fail(`${prefix}.hospitalName`, `${nth}的医院名称不超过80个字`);
  let visitDate: string;
  try {
    visitDate = parseDate(v.visitDate, `${prefix}.visitDate`);
  } catch {
    fail(`${prefix}.visitDate`, `${nth}的就诊日期须为“YYYY-MM-DD”格式的有效日期，例如 "2024-03-15"`);
  }
  const amount = (key: "totalCost" | "insurancePaid" | "selfPay") => parseAmount(v[key], `${prefix}.${key}`, `${nth}的${BILL_LABELS[key]}`);
  const totalCost = amount("totalCost");
  const insurancePaid = amount("insurancePaid");
  const selfPay = amount("selfPay");
  if (new D(insurancePaid).plus(selfPay).gt(totalCost)) {
    fail(`${prefix}.selfPay`, `${nth}的医保已支付与政策范围内个人自付之和不能超过医疗总费用`);
  }
  return { hospitalName, visitDate, totalCost, insurancePaid, selfPay };
}

/** Validates and normalises a request; throws EngineError(INVALID_REQUEST) naming the field in Chinese. */
export function parseOnApplicationRequest(input: unknown): OnApplicationRequest {
  if (!isObject(input)) fail("request", "请求须为 JSON 对象");
  noUnknown(input, ["policy", "region", "date", "person", "bills", "yearToDate"], "");
  const out: OnApplicationRequest = { date: "", person: { categories: [] }, bills: [], yearToDate: { assistancePaid: "0.00" } };
  if (input.policy !== undefined && input.policy !== null) {
    if (typeof input.policy !== "string") fail("policy", "政策代码须为文字");
    out.policy = input.policy;
  }
  if (input.region !== undefined && input.region !== null) {
    if (typeof input.region !== "string" || !/^\d{6}$/.test(input.region)) fail("region", "行政区划代码须为6位数字，例如 \"500243\"");
    out.region = input.region;
  }
  out.date = parseDate(input.date, "date");
  const person = input.person;
  if (!isObject(person)) fail("person", "缺少申请人信息（person）");
  noUnknown(person, ["categories"], "person");
  const cats = person.categories ?? [];
  if (!Array.isArray(cats)) fail("person.categories", "人员类别须为类别代码的数组，例如 [\"DIBAO\"]");
  cats.forEach((c: unknown, i) => {
    if (!CATEGORY_CODES.includes(c as CategoryCode)) fail(`person.categories[${i}]`, `不认识的人员类别“${String(c)}”，可用代码：${CATEGORY_CODES.join("、")}`);
    if (!out.person.categories.includes(c as CategoryCode)) out.person.categories.push(c as CategoryCode);
  });
  if (!Array.isArray(input.bills) || input.bills.length === 0) fail("bills", "请至少填写一张已经医保结算的医疗费用票据");
  if (input.bills.length > MAX_BILLS) fail("bills", `票据最多${MAX_BILLS}张`);
  out.bills = input.bills.map((b, i) => parseBill(b, i));
  const ytd = input.yearToDate ?? {};
  if (!isObject(ytd)) fail("yearToDate", "本年度累计（yearToDate）须为对象");
  noUnknown(ytd, ["assistancePaid"], "yearToDate");
  out.yearToDate = { assistancePaid: ytd.assistancePaid === undefined ? "0.00" : parseAmount(ytd.assistancePaid, "yearToDate.assistancePaid", "本年医疗救助已支付") };
  return out;
}

function pickSet(req: OnApplicationRequest, given?: PolicySet | string): PolicySet {
  if (given !== undefined) return getPolicySet(typeof given === "string" ? given : given.code);
  if (req.policy) return getPolicySet(req.policy);
  if (!req.region) fail("region", "请填写政策代码（policy）或行政区划代码（region）");
  return policySetForRegion(req.region, req.date);
}

function step(p: ParamReader, ruleId: string, keys: string[], citation: Citation, formula: string, inputs: Record<string, string>, result: string, explanation: string, tier: Step["tier"]): Step {
  const related = p.ruleIdsOf(keys);
  const usesExample = keys.some((k) => p.parameters[k]?.example);
  return {
    tier,
    ruleId,
    relatedRules: related.includes(ruleId) ? related : [ruleId, ...related],
    formula,
    inputs,
    result,
    provenance: keys.length ? p.provenance(keys) : "document",
    citation,
    explanation: usesExample ? `${explanation}（使用了示例值，非文件规定）` : explanation,
    parameters: keys,
  };
}

/**
 * The engine's proposal for an on-application case. `policySet` (a set or its code) takes
 * precedence over `request.policy`; without either the set in force for `request.region` on
 * `request.date` is used. Throws EngineError.
 */
export function proposeOnApplication(request: unknown, policySet?: PolicySet | string): OnApplicationResult {
  const req = parseOnApplicationRequest(request);
  const set = pickSet(req, policySet);
  assertPolicyInForce(set, req.date);
  const p = new ParamReader(catalogueSource(set.code, req.date, {}), req.date);
  const warnings: Warning[] = [];
  const steps: Step[] = [];

  // P-APP-1: the base is the eligible self-pay left after basic and critical-illness insurance.
  const cat = resolveCategory(req.person.categories, set.categories, p.list<CategoryCode>("categoryPriority"), warnings);
  let base: Dec = ZERO;
  for (const b of req.bills) base = base.plus(b.selfPay);
  const baseText = money(base);
  const cats = req.person.categories.length ? req.person.categories.map((c) => CATEGORY_LABELS[c]).join("、") : "无救助身份";
  steps.push(
    step(p, "P-APP-1", ["categoryPriority"], p.rule("P-APP-1"),
      `就高不重复(${req.person.categories.join("、") || "无"}) = ${cat}；Σ 个人自付 = ${req.bills.map((b) => b.selfPay).join(" + ")} = ${baseText}`,
      { categories: req.person.categories.join(","), bills: String(req.bills.length) }, baseText,
      `申请人身份：${cats}，按“${CATEGORY_LABELS[cat]}”计算（多种身份就高不重复）。${req.bills.length}张票据经基本医保、大病保险支付后，政策范围内个人自付合计${baseText}元，作为依申请救助的计算基数。`,
      "category"),
  );

  // P-ASSIST-3: the category's ratio (special-disease route).
  const rKey = `assistance.ratio.${cat}`;
  const ratio = p.decOrNull(rKey);
  const rEntry = p.entry(rKey);
  if (ratio === null) {
    steps.push(
      step(p, rEntry.ruleId, [rKey], rEntry.citation, `${CATEGORY_LABELS[cat]}：救助比例未规定 → 0.00`, { base: baseText, category: cat }, "0.00",
        `“${CATEGORY_LABELS[cat]}”不是本政策的医疗救助对象，没有救助比例，系统测算金额为0元。经办人员核实困难情况后，可填写理由调整救助金额。`,
        "medicalAssistance"),
    );
    return finish(p, set, req, cat, baseText, null, ZERO, steps, warnings);
  }
  const raw = base.times(ratio);
  steps.push(
    step(p, rEntry.ruleId, [rKey], rEntry.citation, `${baseText} × ${pct(ratio)} = ${raw.toString()}`, { base: baseText, ratio: ratio.toString() }, raw.toString(),
      `“${CATEGORY_LABELS[cat]}”的医疗救助比例为${pct(ratio)}：${baseText} × ${pct(ratio)} = ${raw.toString()}元。`,
      "medicalAssistance"),
  );

  // P-ASSIST-5: outpatient and inpatient assistance share one annual limit.
  const limit = p.decOrNull("assistance.annualLimit");
  const paid = new D(req.yearToDate.assistancePaid);
  let amount: Dec;
  if (limit === null) {
    amount = round2(raw);
    steps.push(
      step(p, "P-ASSIST-5", ["assistance.annualLimit"], p.rule("P-ASSIST-5"), `不设年度限额 → round(${raw.toString()}) = ${money(amount)}`, { raw: raw.toString() }, money(amount),
        `本政策未设医疗救助年度限额，救助${money(amount)}元（按分四舍五入）。`, "medicalAssistance"),
    );
  } else {
    const remaining = dmax(ZERO, limit.minus(paid));
    amount = round2(raw.lte(remaining) ? raw : remaining);
    steps.push(
      step(p, "P-ASSIST-5", ["assistance.annualLimit"], p.rule("P-ASSIST-5"),
        `min(${raw.toString()}, ${money(limit)} − ${money(paid)}) = ${money(amount)}`, { raw: raw.toString(), annualLimit: money(limit), assistancePaid: money(paid) }, money(amount),
        raw.lte(remaining)
          ? `年度救助限额${money(limit)}元，本年已救助${money(paid)}元，尚余${money(remaining)}元，未超限额：救助${money(amount)}元（按分四舍五入）。`
          : `年度救助限额${money(limit)}元，本年已救助${money(paid)}元，只余${money(remaining)}元：救助以${money(amount)}元为限。`,
        "medicalAssistance"),
    );
  }
  return finish(p, set, req, cat, baseText, ratio, amount, steps, warnings);
}

function finish(p: ParamReader, set: PolicySet, req: OnApplicationRequest, cat: CategoryCode, base: string, ratio: Dec | null, amount: Dec, steps: Step[], warnings: Warning[]): OnApplicationResult {
  if (amount.lt(ZERO)) throw new EngineError("INTERNAL_INVARIANT", "救助金额为负数，测算结果自检失败");
  for (const [key, e] of Object.entries(p.parameters)) {
    if (e.example) warnings.push({ code: "EXAMPLE_PARAMETER", key, message: `参数 ${key} 使用示例参数${String(e.value)}，示例值，非文件规定，请以当地实际标准为准` });
  }
  return {
    policy: { code: set.code, document: set.document, parameterVersion: parameterVersion(set.code, req.date) },
    date: req.date,
    resolvedCategory: cat,
    base,
    ratio: ratio === null ? null : ratioText(ratio),
    amount: money(amount),
    steps,
    warnings,
    engineVersion: ENGINE_VERSION,
    parameters: { ...p.parameters },
    request: req,
  };
}
