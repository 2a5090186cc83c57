import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { executeRows, type Db, type Tx } from "@/db/client";
import { alerts, applications, enrolments, identities, listSubmissions, openingBalances, persons, regions, settlements, subsidyRosters, visits, LEDGER_AMOUNT_COLUMNS, YEAR_TO_DATE_COLUMNS } from "@/db/schema";
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { AuthError, assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { ALERT_STATE_LABELS } from "@/lib/alerts/alerts";
import { SOURCE_LABELS, STATE_LABELS } from "@/lib/cases/labels";
import { UserFacingError } from "@/lib/errors";
import { EngineError, parameterEntry, policySetForRegion, type ParameterEntry } from "@/lib/policy";
import { shanghaiDate } from "@/lib/registry/deadline";
import { maskIdNumber } from "@/lib/registry/id-number";
import { categoryTimeline, resolveCategoryOn } from "@/lib/registry/resolve-category";
import { YEAR_TO_DATE_FIELDS, type YearToDate, type YearToDateField } from "@/lib/settlement";

/**
 * 专项管理台账 (policy-book.md §P-MON-3, domain.md W8): one person's year — category history,
 * enrolment and subsidy, every ledger entry with each tier's payment, the year's totals, the
 * accumulators against each cap, alerts and applications. Every amount comes from the stored
 * ledger or the engine's parameters; sums and remaining amounts are exact `numeric` in SQL.
 */

export const ledgerInputSchema = z.object({
  personId: z.string().uuid({ message: "人员编号有误" }),
  year: z.coerce.number({ message: "年度须为四位数字" }).int({ message: "年度须为四位数字" }).min(2000, { message: "年度须在2000年至2100年之间" }).max(2100, { message: "年度须在2000年至2100年之间" }).optional(),
});
export type LedgerInput = z.input<typeof ledgerInputSchema>;

/** What the ledger holds per entry: the ledger's own amounts (a reversal's are negative). */
const AMOUNT_COLUMNS = LEDGER_AMOUNT_COLUMNS;
type AmountKey = keyof typeof AMOUNT_COLUMNS | "outOfCatalogCost";
export type LedgerAmounts = Record<AmountKey, string>;


/** The clause of a neutral default (lib/policy/build.ts `withNeutralDefaults`): the set has no such rule. */
const NEUTRAL_CLAUSE = "（文件未规定）";

/** The accumulators shown against a cap, in the order of the tiers; `capKey: null` = a running total without a cap. */
const ACCUMULATORS: ReadonlyArray<{ field: YearToDateField; label: string; capKey: (tier: number) => string | null; optional?: boolean }> = [
  { field: "basicPaid", label: "基本医保已支付", capKey: (tier) => `basic.annualCap.tier${tier}` },
  { field: "criticalBase", label: "大病保险累计合规费用", capKey: () => null },
  { field: "criticalPaid", label: "大病保险已支付", capKey: () => "critical.annualCap" },
  { field: "supplementaryPaid", label: "补充医疗保险已支付", capKey: () => "supplementary.annualCap", optional: true },
  { field: "assistancePaid", label: "医疗救助已支付（门诊、住院共用）", capKey: () => "assistance.annualLimit" },
  { field: "assistanceOtherDiseasePaid", label: "其中：其他疾病住院救助", capKey: () => "assistance.otherDisease.annualLimit" },
  { field: "tiltedPaid", label: "倾斜救助已支付", capKey: () => "tilted.annualLimit" },
  { field: "assistanceDeductibleMet", label: "医疗救助起付线已累计", capKey: () => null },
];

export interface LedgerAccumulator {
  field: YearToDateField;
  label: string;
  /** person_year_totals (opening balance included) */
  paid: string;
  /** the opening balance imported for this person-year, when there is one */
  opening: string | null;
  /** the parameter read, or null for a running total without a cap */
  capKey: string | null;
  /** the cap; null with a capKey = 不设封顶线 */
  cap: string | null;
  /** why there is no cap (the parameter is null, or the category has none) */
  noCapReason: string | null;
  /** max(cap − paid, 0); null without a cap */
  remaining: string | null;
  /** the parameter is a local example value (示例值), not a figure of a document */
  exampleValue: boolean;
  ruleId: string | null;
}

export type PersonLedger = Awaited<ReturnType<typeof getPersonLedger>>;

function optionalEntry(code: string, key: string, date: string): ParameterEntry | null {
  try {
    return parameterEntry(code, key, date);
  } catch (error) {
    if (error instanceof EngineError) return null;
    throw error;
  }
}

/** The day whose parameters the caps are read on: today in the current year, else the year's last (or, ahead, first) day. */
function capDateFor(year: number, today: string): string {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return `${year}-12-31`;
  if (year > thisYear) return `${year}-01-01`;
  return today;
}

/**
 * The ledger of one person-year. Scope: `ledger.read` and the person's county within the
 * reader's region prefix (another county answers 404). A supervisor's read is audited
 * (`ledger.read`, or `ledger.export` for the workbook); county staff reading their own
 * county are not (they see the same on the person page). Reads run in one repeatable-read
 * transaction, so the entries, the sums and the accumulators agree with each other.
 */
export async function getPersonLedger(db: Db, actor: SessionUser, input: LedgerInput, options: { purpose?: "read" | "export"; now?: Date } = {}) {
  const parsed = ledgerInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "year"), i.message]));
    throw new UserFacingError("INVALID_INPUT", Object.values(fieldErrors)[0] ?? "查询条件有误", fieldErrors);
  }
  const { personId } = parsed.data;
  const today = shanghaiDate(options.now ?? new Date());
  return db.transaction(async (tx) => read(tx, actor, personId, parsed.data.year, today, options.purpose ?? "read"), { isolationLevel: "repeatable read" });
}

async function read(tx: Tx, actor: SessionUser, personId: string, requestedYear: number | undefined, today: string, purpose: "read" | "export") {
  const county = alias(regions, "county");
  const [row] = await tx
    .select({ person: persons, township: regions.name, county: county.name })
    .from(persons)
    .leftJoin(regions, eq(regions.code, persons.townshipCode))
    .leftJoin(county, eq(county.code, persons.regionCode))
    .where(eq(persons.id, personId))
    .limit(1);
  if (!row) throw new AuthError(404, "NOT_FOUND", "未找到该人员");
  assertInScope(actor, { permission: "ledger.read", region: row.person.regionCode });
  const regionCode = row.person.regionCode;

  // The years the person has anything in, for the year chooser; the default is the latest year with an entry.
  const yearRows = await executeRows<{ year: number; settled: boolean }>(
    tx,
    sql`select year::int as year, bool_or(settled) as settled from (
          select year, true as settled from settlements where person_id = ${personId}
          union all select year, false from enrolments where person_id = ${personId}
          union all select year, false from alerts where person_id = ${personId}
          union all select year, false from opening_balances where person_id = ${personId}
        ) y group by year order by year`,
  );
  const thisYear = Number(today.slice(0, 4));
  const latestSettled = yearRows.filter((y) => y.settled).at(-1)?.year;
  const year = requestedYear ?? latestSettled ?? thisYear;
  const years = [...new Set([...yearRows.map((y) => Number(y.year)), thisYear, year])].sort((a, b) => b - a);
  const yearStart = `${year}-01-01`;
  const nextYearStart = `${year + 1}-01-01`;

  // A supervisor reads from a report drill-down: audited. County staff reading their own county are not.
  if (actor.role === "supervisor") {
    await recordAudit(tx, { actor, action: purpose === "export" ? "ledger.export" : "ledger.read", targetType: "person", targetId: personId, details: { year } });
  }

  // Category history: every identity (the timeline needs them all), shown when it overlaps the year.
  const history = await tx
    .select({ identity: identities, sourceMonth: listSubmissions.month })
    .from(identities)
    .leftJoin(listSubmissions, eq(listSubmissions.id, identities.sourceSubmissionId))
    .where(eq(identities.personId, personId))
    .orderBy(asc(identities.validFrom), asc(identities.id));
  const items = history.map((h) => ({
    id: h.identity.id,
    category: h.identity.category as CategoryCode,
    department: h.identity.departmentCode as DepartmentCode,
    validFrom: String(h.identity.validFrom),
    validTo: h.identity.validTo === null ? null : String(h.identity.validTo),
    sourceMonth: h.sourceMonth,
  }));
  const overlaps = (from: string, to: string | null) => from < nextYearStart && (to === null || to > yearStart);
  const capDate = capDateFor(year, today);
  let policy: { code: string; document: string; priority: CategoryCode[] } | null = null;
  let policyError: string | null = null;
  try {
    const set = policySetForRegion(regionCode, capDate);
    policy = { code: set.code, document: set.document, priority: set.categoryPriority };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    policyError = error.message;
  }
  const priority = policy?.priority ?? [];
  const timeline = categoryTimeline(items, priority)
    .filter((t) => overlaps(t.from, t.to))
    .map((t) => ({ from: t.from, to: t.to, category: t.category, department: t.winner?.department ?? null, reason: t.reason }));
  const categoryOnCapDate = resolveCategoryOn(items, capDate, priority).category;

  // Enrolment and subsidy of the year.
  const [enrolmentRow] = await tx
    .select({ enrolment: enrolments, rosterPaidAt: subsidyRosters.paidAt, rosterPaymentReference: subsidyRosters.paymentReference, rosterSubsidyDate: subsidyRosters.subsidyDate })
    .from(enrolments)
    .leftJoin(subsidyRosters, eq(subsidyRosters.id, enrolments.rosterId))
    .where(and(eq(enrolments.personId, personId), eq(enrolments.year, year)))
    .limit(1);
  const enrolment = enrolmentRow
    ? {
        insuranceTier: enrolmentRow.enrolment.insuranceTier,
        paidOn: String(enrolmentRow.enrolment.paidOn),
        coverageFrom: String(enrolmentRow.enrolment.coverageFrom),
        late: enrolmentRow.enrolment.late,
        category: enrolmentRow.enrolment.resolvedCategory as CategoryCode,
        individualContribution: enrolmentRow.enrolment.individualContribution,
        subsidy: enrolmentRow.enrolment.subsidy,
        personPays: enrolmentRow.enrolment.personPays,
        policyCode: enrolmentRow.enrolment.policyCode,
        onRoster: enrolmentRow.enrolment.rosterId !== null,
        rosterSubsidyDate: enrolmentRow.rosterSubsidyDate === null ? null : String(enrolmentRow.rosterSubsidyDate),
        subsidyPaidAt: enrolmentRow.rosterPaidAt,
        subsidyPaymentReference: enrolmentRow.rosterPaymentReference,
      }
    : null;

  // Every ledger entry of the year, in visit order; a reversal's out-of-catalogue amount is negated like its other amounts.
  const reversal = alias(settlements, "reversal");
  const entryRows = await tx
    .select({
      id: settlements.id,
      entryType: settlements.entryType,
      reversesId: settlements.reversesId,
      reversedById: reversal.id,
      reason: settlements.reason,
      visitDate: visits.visitDate,
      kind: visits.kind,
      hospitalName: visits.hospitalName,
      category: settlements.resolvedCategory,
      policyCode: settlements.policyCode,
      createdAt: settlements.createdAt,
      outOfCatalogCost: sql<string>`(case when ${settlements.entryType} = 'reversal' then -${visits.outOfCatalogCost} else ${visits.outOfCatalogCost} end)::text`,
      totalCost: settlements.totalCost,
      policyRangeCost: settlements.policyRangeCost,
      basicInsurance: settlements.basicInsurance,
      criticalIllnessInsurance: settlements.criticalIllnessInsurance,
      supplementaryInsurance: settlements.supplementaryInsurance,
      medicalAssistance: settlements.medicalAssistance,
      tiltedAssistance: settlements.tiltedAssistance,
      outOfPocket: settlements.outOfPocket,
    })
    .from(settlements)
    .innerJoin(visits, eq(visits.id, settlements.visitId))
    .leftJoin(reversal, eq(reversal.reversesId, settlements.id))
    .where(and(eq(settlements.personId, personId), eq(settlements.year, year)))
    .orderBy(asc(visits.visitDate), asc(settlements.createdAt), asc(settlements.id));
  const entries = entryRows.map((e) => ({ ...e, visitDate: String(e.visitDate), category: e.category as CategoryCode }));

  // The year's totals (sums of the entries, exact numeric), the accumulators and the opening balance, in one query.
  const sumList = Object.entries(AMOUNT_COLUMNS).map(([key, column]) => sql`coalesce(sum(s.${sql.raw(column)}), 0)::numeric(14,2)::text as ${sql.identifier(key)}`);
  const [sums] = await executeRows<LedgerAmounts & { settlements: number; reversals: number }>(
    tx,
    sql`select ${sql.join(sumList, sql`, `)},
          coalesce(sum(case when s.entry_type = 'reversal' then -v.out_of_catalog_cost else v.out_of_catalog_cost end), 0)::numeric(14,2)::text as "outOfCatalogCost",
          count(*) filter (where s.entry_type = 'settlement')::int as settlements,
          count(*) filter (where s.entry_type = 'reversal')::int as reversals
        from settlements s join visits v on v.id = s.visit_id
        where s.person_id = ${personId} and s.year = ${year}`,
  );
  const ytdList = (table: string) => sql.join(YEAR_TO_DATE_FIELDS.map((f) => sql`${sql.raw(`${table}.${YEAR_TO_DATE_COLUMNS[f]}`)}::text as ${sql.identifier(`${table}_${f}`)}`), sql`, `);
  const [balances] = await executeRows<Record<string, string | null>>(
    tx,
    sql`select ${ytdList("t")}, ${ytdList("o")}, o.source as "openingSource"
        from (select 1) one
        left join person_year_totals t on t.person_id = ${personId} and t.year = ${year}
        left join opening_balances o on o.person_id = ${personId} and o.year = ${year}`,
  );
  const paid = Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [f, balances?.[`t_${f}`] ?? "0.00"])) as YearToDate;
  const hasOpening = balances?.openingSource != null;
  const opening = hasOpening ? (Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [f, balances![`o_${f}`]!])) as YearToDate) : null;

  // Caps: the engine's parameters for the person's county on the cap date; remaining = max(cap − paid, 0) in numeric.
  const tier = enrolment?.insuranceTier ?? null;
  const accumulators: LedgerAccumulator[] = [];
  for (const a of ACCUMULATORS) {
    const base = { field: a.field, label: a.label, paid: paid[a.field], opening: opening?.[a.field] ?? null, cap: null, noCapReason: null, remaining: null, exampleValue: false, ruleId: null };
    const key = tier === null && a.field === "basicPaid" ? null : a.capKey(tier ?? 1);
    if (!policy || key === null) {
      accumulators.push({ ...base, capKey: null, noCapReason: a.field === "basicPaid" ? "本年度未参保，无基本医保限额" : null });
      continue;
    }
    const entry = optionalEntry(policy.code, key, capDate);
    if (!entry) {
      accumulators.push({ ...base, capKey: key, noCapReason: "该参数在限额计算日没有生效的数值" });
      continue;
    }
    if (entry.citation.clause === NEUTRAL_CLAUSE) {
      // The policy set has no such tier (彭水: no supplementary insurance): an optional tier with nothing paid is left out.
      if (a.optional && base.paid === "0.00" && base.opening === null) continue;
      accumulators.push({ ...base, capKey: key, noCapReason: "本政策无此项待遇" });
      continue;
    }
    const noCapRule = a.field === "criticalPaid" && entry.value !== null ? criticalNoCapRule(policy.code, capDate, categoryOnCapDate) : null;
    if (noCapRule) {
      accumulators.push({ ...base, capKey: key, noCapReason: "本类别大病保险不设封顶线", exampleValue: noCapRule.provenance === "local", ruleId: noCapRule.ruleId });
      continue;
    }
    accumulators.push({
      ...base,
      capKey: key,
      cap: entry.value === null ? null : String(entry.value),
      noCapReason: entry.value === null ? "政策不设年度限额" : null,
      exampleValue: entry.provenance === "local",
      ruleId: entry.ruleId,
    });
  }
  const capped = accumulators.filter((a) => a.cap !== null);
  if (capped.length) {
    const [remaining] = await executeRows<Record<string, string>>(
      tx,
      sql`select ${sql.join(
        capped.map((a) => sql`greatest(${a.cap}::numeric - ${a.paid}::numeric, 0)::numeric(14,2)::text as ${sql.identifier(a.field)}`),
        sql`, `,
      )}`,
    );
    for (const a of capped) a.remaining = remaining![a.field] ?? null;
  }

  // Alerts of the year (with the case they opened) and applications submitted in the year (Asia/Shanghai).
  const alertRows = await tx
    .select({ alert: alerts, applicationNumber: applications.number })
    .from(alerts)
    .leftJoin(applications, eq(applications.id, alerts.applicationId))
    .where(and(eq(alerts.personId, personId), eq(alerts.year, year)))
    .orderBy(asc(alerts.level), asc(alerts.createdAt));
  const applicationRows = await tx
    .select({
      id: applications.id,
      number: applications.number,
      source: applications.source,
      state: applications.state,
      proposedAmount: applications.proposedAmount,
      paymentReference: applications.paymentReference,
      createdAt: applications.createdAt,
      stateChangedAt: applications.stateChangedAt,
    })
    .from(applications)
    // Submitted in the year, or opened from one of the year's alerts (a January case about last year's bills).
    .where(
      and(
        eq(applications.personId, personId),
        sql`(extract(year from ${applications.createdAt} at time zone 'Asia/Shanghai') = ${year}
             or ${applications.id} in (select application_id from alerts where person_id = ${personId} and year = ${year}))`,
      ),
    )
    .orderBy(desc(applications.createdAt));

  const person = row.person;
  return {
    year,
    years,
    today,
    person: { id: person.id, name: person.name, maskedIdNumber: maskIdNumber(person.idNumber), birthDate: String(person.birthDate), regionCode, county: row.county ?? regionCode, township: row.township },
    policy: policy ? { code: policy.code, document: policy.document, capDate, categoryOnCapDate } : null,
    policyError,
    identities: items.filter((i) => overlaps(i.validFrom, i.validTo)),
    timeline,
    enrolment,
    entries,
    totals: { ...sums!, settlements: Number(sums!.settlements), reversals: Number(sums!.reversals) },
    accumulators,
    openingSource: hasOpening ? String(balances!.openingSource) : null,
    alerts: alertRows.map(({ alert: a, applicationNumber }) => ({
      id: a.id,
      level: a.level as 1 | 2,
      burden: a.burden,
      threshold: a.threshold,
      state: a.state,
      stateLabel: ALERT_STATE_LABELS[a.state],
      closeReason: a.closeReason,
      createdAt: a.createdAt,
      applicationId: a.applicationId,
      applicationNumber,
    })),
    applications: applicationRows.map((a) => ({ ...a, stateLabel: STATE_LABELS[a.state], sourceLabel: SOURCE_LABELS[a.source] })),
  };
}

/**
 * The engine's rule (lib/settlement/engine.ts): no 大病保险 cap for a tilted category when
 * `critical.tilt.noCap` (彭水 P-CRIT-3), or for `critical.noCap.categories` (吉林 P-CRIT-5).
 * Returns the parameter that lifts the cap, or null when the cap applies.
 */
function criticalNoCapRule(code: string, date: string, category: CategoryCode): ParameterEntry | null {
  const listed = (key: string) => {
    const entry = optionalEntry(code, key, date);
    return entry && Array.isArray(entry.value) && (entry.value as string[]).includes(category) ? entry : null;
  };
  const tiltNoCap = optionalEntry(code, "critical.tilt.noCap", date);
  if (listed("critical.tilt.categories") && tiltNoCap?.value === true) return tiltNoCap;
  return listed("critical.noCap.categories");
}
