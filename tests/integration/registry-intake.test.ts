import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { executeRows, useDatabaseForTests, type DatabaseHandle } from "@/db";
import type { SessionUser } from "@/lib/auth/types";
import { confirmSubmission, stageListUpload, type StageOutcome } from "@/lib/registry/stage-list-upload";
import { encodeListCsv, encodeListXlsx, type ListCells } from "@/lib/registry/synthetic";
import { BACKENDS, createTestDatabase } from "../support/db";
import { session } from "../support/next-mocks";
import { pengshuiId, sessionUser } from "../support/registry";

/**
 * The importer's bad-input suite through the whole intake path (issue 4 acceptance):
 * each bad file gets its exact error, and the registry is byte-for-byte unchanged.
 */
const MONTH = "2024-06";
const TODAY = "2024-06-20";
const A = pengshuiId("1960-05-01", 11);
const B = pengshuiId("1975-12-14", 23);
const good = (over: Partial<ListCells> = {}): ListCells => ({
  idNumber: A,
  name: "冉光明",
  category: "低保对象",
  changeType: "新增",
  certifiedOn: "2024-06-01",
  township: "汉葭街道",
  phone: "",
  ...over,
});
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "公民身份号码,姓名,类别,变动类型,认定日期,乡镇（街道）\r\n";

async function formulaWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.addRow(["公民身份号码", "姓名", "类别", "变动类型", "认定日期", "乡镇（街道）"]);
  ws.addRow([A, "冉光明", "低保对象", "新增", "2024-06-01", "汉葭街道"]);
  ws.getCell("B2").value = { formula: 'CONCATENATE("冉","光明")', result: "冉光明" };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

type Case = [label: string, file: () => Promise<Uint8Array> | Uint8Array, name: string, encoding: "auto" | "utf-8" | "gbk", expected: Partial<StageOutcome> & { errors?: unknown }];

const CASES: Case[] = [
  ["a GBK file declared as UTF-8", () => encodeListCsv([good()], "gbk"), "list.csv", "utf-8", { kind: "refused", code: "ENCODING_MISMATCH" }],
  ["a UTF-8 file declared as GBK", () => encodeListCsv([good()], "utf-8"), "list.csv", "gbk", { kind: "refused", code: "ENCODING_MISMATCH" }],
  ["wrong header", () => utf8("身份证,名字,类别,变动类型,认定日期,乡镇（街道）\r\n1,2,3,4,5,6\r\n"), "list.csv", "auto", { kind: "refused", code: "HEADER_MISMATCH" }],
  ["missing header column", () => utf8("公民身份号码,姓名,类别,变动类型,认定日期\r\n" + `${A},冉光明,低保对象,新增,2024-06-01\r\n`), "list.csv", "auto", { kind: "refused", code: "HEADER_MISMATCH" }],
  ["empty file", () => new Uint8Array(), "list.csv", "auto", { kind: "refused", code: "EMPTY_FILE" }],
  ["only a header", () => utf8(HEADER), "list.csv", "auto", { kind: "refused", code: "HEADER_ONLY" }],
  ["an .xlsx that is not a workbook", () => utf8("this is not a zip"), "list.xlsx", "auto", { kind: "refused", code: "NOT_A_WORKBOOK" }],
  ["formulas in cells", formulaWorkbook, "list.xlsx", "auto", { kind: "refused", code: "FORMULA_CELLS" }],
  [
    "an ID number with a wrong check digit",
    () => encodeListCsv([good({ idNumber: `${A.slice(0, 17)}${A[17] === "0" ? "1" : "0"}` })], "utf-8"),
    "list.csv",
    "auto",
    { kind: "invalid", errors: [{ rowNumber: 2, column: "公民身份号码", message: "公民身份号码校验位错误" }] },
  ],
  [
    "a birth date in the future",
    () => encodeListCsv([good({ idNumber: pengshuiId("2030-01-01", 5) })], "utf-8"),
    "list.csv",
    "auto",
    { kind: "invalid", errors: [{ rowNumber: 2, column: "公民身份号码", message: "公民身份号码中的出生日期晚于今天" }] },
  ],
  [
    "a category of another department",
    () => encodeListCsv([good({ category: "返贫致贫人口" })], "utf-8"),
    "list.csv",
    "auto",
    { kind: "invalid", errors: [expect.objectContaining({ rowNumber: 2, column: "类别", message: expect.stringContaining("类别“返贫致贫人口”不属于县民政局报送范围") })] },
  ],
  [
    "a duplicate row",
    () => encodeListCsv([good(), good({ idNumber: B, name: "侯建国" }), good()], "utf-8"),
    "list.csv",
    "auto",
    { kind: "invalid", errors: [{ rowNumber: 4, column: "公民身份号码", message: "与第 2 行重复：同一公民身份号码、同一类别在文件中出现了两次" }] },
  ],
];

describe.each(BACKENDS)("department list intake on %s", (kind) => {
  let handle: DatabaseHandle;
  let minzheng: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    useDatabaseForTests(handle);
    minzheng = await sessionUser(handle.db, "minzheng");
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  /** Every registry table, in full, in a stable order. */
  async function registryDump() {
    const tables = ["persons", "identities", "list_submissions", "list_submission_rows", "reconciliation_runs", "registry_snapshots"];
    const dump: Record<string, unknown> = {};
    for (const t of tables) dump[t] = await executeRows(handle.db, sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h, count(*)::int as n from ${t} x`));
    return dump;
  }

  test.each(CASES)("%s → exact error, registry unchanged", async (_label, file, fileName, declaredEncoding, expected) => {
    const before = await registryDump();
    const outcome = await stageListUpload(handle.db, minzheng, { bytes: await file(), fileName, month: MONTH, declaredEncoding, dropInvalidRows: false, today: TODAY });
    expect(outcome).toMatchObject(expected);
    if (outcome.kind === "refused") expect(outcome.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await registryDump()).toEqual(before);
  });

  test("a GBK file is decoded and staged with names intact; the same content again is the same submission", async () => {
    const bytes = encodeListCsv([good(), good({ idNumber: B, name: "侯建国", category: "特困人员" })], "gbk");
    const first = await stageListUpload(handle.db, minzheng, { bytes, fileName: "民政.csv", month: MONTH, declaredEncoding: "auto", dropInvalidRows: false, today: TODAY });
    expect(first.kind).toBe("staged");
    if (first.kind !== "staged") return;
    const rows = await executeRows<{ name: string; category: string }>(handle.db, sql`select name, category from list_submission_rows where submission_id = ${first.submissionId} order by row_number`);
    expect(rows).toEqual([
      { name: "冉光明", category: "DIBAO" },
      { name: "侯建国", category: "TEKUN" },
    ]);
    await confirmSubmission(handle.db, minzheng, first.submissionId);
    await confirmSubmission(handle.db, minzheng, first.submissionId); // a double click confirms once
    const again = await stageListUpload(handle.db, minzheng, { bytes, fileName: "民政-again.csv", month: MONTH, declaredEncoding: "auto", dropInvalidRows: false, today: TODAY });
    expect(again).toEqual({ kind: "existing", submissionId: first.submissionId, status: "confirmed" });
  });

  test("dropping the bad rows stages only the good ones", async () => {
    const bytes = await encodeListXlsx([good({ idNumber: pengshuiId("1980-01-01", 7), name: "田野" }), good({ category: "返贫致贫人口" })]);
    const outcome = await stageListUpload(handle.db, minzheng, { bytes, fileName: "民政.xlsx", month: MONTH, declaredEncoding: "auto", dropInvalidRows: true, today: TODAY });
    expect(outcome.kind).toBe("staged");
    if (outcome.kind !== "staged") return;
    const [s] = await executeRows<{ row_count: number; dropped_count: number; n: number }>(
      handle.db,
      sql`select row_count, dropped_count, (select count(*)::int from list_submission_rows where submission_id = ${outcome.submissionId}) as n from list_submissions where id = ${outcome.submissionId}`,
    );
    expect(s).toEqual({ row_count: 2, dropped_count: 1, n: 1 });
  });

  test("a 200 MB upload is refused with a size message while memory stays bounded", async () => {
    session.user = minzheng;
    const { POST } = await import("@/app/api/v1/registry/lists/route");
    const before = await registryDump();
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const rssBefore = process.memoryUsage().rss;
    const response = await POST(
      new Request(`http://localhost/api/v1/registry/lists?month=${MONTH}`, { method: "POST", body, headers: { "x-file-name": "big.csv" }, duplex: "half" } as RequestInit),
      undefined,
    );
    expect(response.status).toBe(413);
    expect((await response.json()).message).toBe("文件超过 30MB 上限，请分批报送");
    expect(sent).toBeLessThan(40); // reading stopped at the cap: the rest was never pulled
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    // A declared Content-Length over the cap is refused before reading anything.
    const declared = await POST(new Request(`http://localhost/api/v1/registry/lists?month=${MONTH}`, { method: "POST", body: "x", headers: { "content-length": String(200 * 1024 * 1024) } }), undefined);
    expect(declared.status).toBe(413);
    expect(await registryDump()).toEqual(before);
    session.user = null;
  });
});
