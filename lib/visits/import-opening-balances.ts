import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import { executeRows, type Db } from "@/db/client";
import { openingBalances, persons } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInScope } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { UserFacingError } from "@/lib/errors";
import { countyOf } from "@/lib/registry/county-of";
import { shanghaiDate } from "@/lib/registry/deadline";
import { parseIdNumber } from "@/lib/registry/id-number";
import { ListFileError, readTableFile, type DeclaredEncoding, type TableSpec } from "@/lib/registry/list-file";
import { YEAR_TO_DATE_FIELDS, type YearToDate } from "@/lib/settlement";
import { lockYearToDate, writeYearToDate } from "./settle-visit";

/**
 * Opening balances (W5): what a person used of each cap this year before the portal went
 * live, from the previous system, imported per person-year so caps are right from the
 * first settlement. Columns are the engine's year-to-date fields in Chinese.
 */
export const OPENING_BALANCE_COLUMNS = [
  { key: "idNumber", header: "公民身份号码", required: true, aliases: ["身份证号码", "身份证号"] },
  { key: "name", header: "姓名", required: true, aliases: [] },
  { key: "year", header: "年度", required: true, aliases: ["年份"] },
  { key: "basicPaid", header: "基本医保已支付", required: true, aliases: [] },
  { key: "criticalBase", header: "大病保险累计费用", required: true, aliases: ["大病保险累计基数"] },
  { key: "criticalPaid", header: "大病保险已支付", required: true, aliases: [] },
  { key: "supplementaryPaid", header: "补充保险已支付", required: false, aliases: [] },
  { key: "assistancePaid", header: "医疗救助已支付", required: true, aliases: [] },
  { key: "assistanceOtherDiseasePaid", header: "其中其他疾病救助", required: false, aliases: [] },
  { key: "tiltedPaid", header: "倾斜救助已支付", required: true, aliases: [] },
  { key: "assistanceDeductibleMet", header: "救助起付线已累计", required: false, aliases: [] },
] as const;
type Key = (typeof OPENING_BALANCE_COLUMNS)[number]["key"];
const SPEC: TableSpec<Key> = { columns: OPENING_BALANCE_COLUMNS, ignoredHeaders: ["序号", "备注"], idColumn: "idNumber", dateColumns: [] };
const HEADERS = Object.fromEntries(OPENING_BALANCE_COLUMNS.map((c) => [c.key, c.header])) as Record<Key, string>;

export const MAX_OPENING_BALANCE_BYTES = 10 * 1024 * 1024;
const MONEY_RE = /^\d{1,10}(\.\d{1,2})?$/;

export interface OpeningBalanceRowError {
  rowNumber: number;
  column: string;
  message: string;
}

/** Rows that clash with what is stored: thrown inside the transaction so it rolls back whole. */
class RowConflicts extends Error {
  constructor(readonly errors: OpeningBalanceRowError[]) {
    super("opening balance conflicts");
  }
}

export type OpeningBalanceOutcome =
  | { kind: "imported"; imported: number; unchanged: number }
  | { kind: "invalid"; rowCount: number; errors: OpeningBalanceRowError[] };

/**
 * All or nothing: every row is checked first (ID, name against the registry, year, amounts
 * to the fen, the other-disease part within assistance); one error and nothing is written.
 * A person-year that already has settlements is refused (its first settlement would have
 * used wrong caps); one imported already is unchanged when the figures are the same, refused otherwise.
 */
export async function importOpeningBalances(
  db: Db,
  actor: SessionUser,
  file: { bytes: Uint8Array; fileName: string; declaredEncoding?: DeclaredEncoding; source: string },
): Promise<OpeningBalanceOutcome> {
  const regionCode = countyOf(actor);
  assertInScope(actor, { permission: "visit.settle", region: regionCode });
  const today = shanghaiDate(new Date());
  let table;
  try {
    table = await readTableFile(file.bytes, SPEC, { fileName: file.fileName, declaredEncoding: file.declaredEncoding, maxBytes: MAX_OPENING_BALANCE_BYTES });
  } catch (error) {
    if (error instanceof ListFileError) throw new UserFacingError(error.code, error.message);
    throw error;
  }

  const ids = [...new Set(table.rows.map((r) => r.cells.idNumber.toUpperCase()))];
  const known = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await db
      .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .where(and(eq(persons.regionCode, regionCode), inArray(persons.idNumber, ids.slice(i, i + 1_000))));
    for (const r of rows) known.set(r.idNumber, { id: r.id, name: r.name });
  }

  const errors: OpeningBalanceRowError[] = [];
  const parsed: Array<{ rowNumber: number; personId: string; year: number; totals: YearToDate }> = [];
  const seen = new Set<string>();
  const currentYear = Number(today.slice(0, 4));
  for (const row of table.rows) {
    const c = row.cells;
    const fail = (key: Key, message: string) => errors.push({ rowNumber: row.rowNumber, column: HEADERS[key], message });
    const id = parseIdNumber(c.idNumber, today);
    if (!id.ok) {
      fail("idNumber", id.message);
      continue;
    }
    const person = known.get(id.idNumber);
    if (!person) {
      fail("idNumber", "本县登记人员中没有此公民身份号码");
      continue;
    }
    if (person.name !== c.name) fail("name", "姓名与登记信息不一致");
    const year = Number(c.year);
    if (!/^\d{4}$/.test(c.year) || year < 2018 || year > currentYear) fail("year", `年度应为 2018–${currentYear} 的四位数字`);
    const totals = {} as Record<(typeof YEAR_TO_DATE_FIELDS)[number], string>;
    let moneyOk = true;
    for (const field of YEAR_TO_DATE_FIELDS) {
      const text = (c[field] ?? "").replace(/[,，]/g, "") || "0";
      if (!MONEY_RE.test(text)) {
        fail(field, /^-/.test(text) ? "金额不能为负数" : "金额应为不超过两位小数的数字");
        moneyOk = false;
      } else totals[field] = new Decimal(text).toFixed(2);
    }
    if (moneyOk && new Decimal(totals.assistanceOtherDiseasePaid).gt(totals.assistancePaid)) {
      fail("assistanceOtherDiseasePaid", "其中其他疾病救助不能超过医疗救助已支付");
    }
    const key = `${person.id}|${year}`;
    if (seen.has(key)) fail("idNumber", "同一人员同一年度在文件中重复");
    seen.add(key);
    parsed.push({ rowNumber: row.rowNumber, personId: person.id, year, totals: totals as YearToDate });
  }
  if (errors.length > 0) return { kind: "invalid", rowCount: table.rows.length, errors };

  return db.transaction(async (tx) => {
    let imported = 0;
    let unchanged = 0;
    const conflicts: OpeningBalanceRowError[] = [];
    for (const row of parsed) {
      const [existing] = await tx
        .select()
        .from(openingBalances)
        .where(and(eq(openingBalances.personId, row.personId), eq(openingBalances.year, row.year)))
        .limit(1);
      if (existing) {
        const same = YEAR_TO_DATE_FIELDS.every((f) => new Decimal(existing[f]).eq(row.totals[f]));
        if (same) unchanged++;
        else conflicts.push({ rowNumber: row.rowNumber, column: HEADERS.year, message: "该人员本年度已导入过不同的期初累计，不能覆盖" });
        continue;
      }
      const [settled] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from settlements where person_id = ${row.personId} and year = ${row.year}`);
      if (settled!.n > 0) {
        conflicts.push({ rowNumber: row.rowNumber, column: HEADERS.year, message: "该人员本年度已有结算记录，期初累计须在首次结算前导入" });
        continue;
      }
      const current = await lockYearToDate(tx, row.personId, row.year);
      const next = Object.fromEntries(YEAR_TO_DATE_FIELDS.map((f) => [f, new Decimal(current[f]).plus(row.totals[f]).toFixed(2)])) as YearToDate;
      await writeYearToDate(tx, row.personId, row.year, next);
      await tx.insert(openingBalances).values({ personId: row.personId, year: row.year, regionCode, ...row.totals, source: file.source, importedBy: actor.id });
      imported++;
    }
    // Nothing of this file is kept: the clerk corrects it and imports it again.
    if (conflicts.length > 0) throw new RowConflicts(conflicts);
    await recordAudit(tx, {
      actor,
      action: "opening-balances.import",
      details: { imported, unchanged, rows: parsed.length, source: file.source, fileHash: createHash("sha256").update(file.bytes).digest("hex") },
    });
    return { kind: "imported" as const, imported, unchanged };
  }).catch((error: unknown): OpeningBalanceOutcome => {
    if (error instanceof RowConflicts) return { kind: "invalid", rowCount: parsed.length, errors: error.errors };
    throw error;
  });
}
