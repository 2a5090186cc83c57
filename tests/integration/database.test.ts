import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { auditLog, listSubmissions, reconciliationRuns, regions, users } from "@/db/schema";
import { DEMO_USERS, seedDemoData } from "@/db/seed/demo";
import { seedDemoRegistry } from "@/db/seed/demo-registry";
import { BACKENDS, createTestDatabase } from "../support/db";
import { insertColumns, withIndexesRebuilt } from "@/db/bulk";
import { executeRows } from "@/db/client";

describe.each(BACKENDS)("database on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  test("migrations load the shipped regions: 重庆市 with 38 counties, 彭水 with 39 townships", async () => {
    const { db } = handle;
    const [pengshui] = await db.select().from(regions).where(eq(regions.code, "500243"));
    expect(pengshui).toEqual({ code: "500243", name: "彭水苗族土家族自治县", parentCode: "500000", level: "county" });
    const counties = await db.select().from(regions).where(eq(regions.parentCode, "500000"));
    expect(counties).toHaveLength(38);
    const townships = await db.select().from(regions).where(eq(regions.parentCode, "500243"));
    expect(townships).toHaveLength(39);
    expect(townships.every((t) => t.level === "township" && t.code.startsWith("500243"))).toBe(true);
  });

  test("demo seeding happens once", async () => {
    const { db } = handle;
    expect(await seedDemoData(db)).toBe(true);
    expect(await seedDemoData(db)).toBe(false);
    const rows = await db.select().from(users);
    expect(rows.map((r) => r.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(rows.every((r) => r.passwordHash.startsWith("$2"))).toBe(true);
  });

  test("the demo registry: last month's four lists go through intake and reconciliation, once", async () => {
    const { db } = handle;
    expect(await seedDemoRegistry(db)).toBe(true);
    expect(await seedDemoRegistry(db)).toBe(false);
    const submissions = await db.select().from(listSubmissions);
    expect(submissions.map((s) => s.departmentCode).sort()).toEqual(["CANLIAN", "MINZHENG", "TUIYI", "XIANGCUN"]);
    expect(submissions.every((s) => s.status === "confirmed")).toBe(true);
    const [run] = await db.select().from(reconciliationRuns);
    expect(run!.month).toBe(submissions[0]!.month);
    expect(Number((run!.summary as { added: number }).added)).toBeGreaterThan(100);
  });

  test("the audit log is append-only", async () => {
    const { db } = handle;
    await db.insert(auditLog).values({ action: "test.event" });
    await expect(db.execute(sql`update audit_log set action = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "test.event"));
    expect(rows).toHaveLength(1);
  });

  test("a department user must carry a department, others must not", async () => {
    const { db } = handle;
    await expect(
      db.insert(users).values({ username: "x1", displayName: "x", passwordHash: "h", role: "department", regionScope: "500243" }),
    ).rejects.toThrow();
    await expect(
      db.insert(users).values({ username: "x2", displayName: "x", passwordHash: "h", role: "county_clerk", regionScope: "500243", departmentCode: "MINZHENG" }),
    ).rejects.toThrow();
  });
  test("insertColumns writes every value exactly, in chunks, and rolls back with its transaction", async () => {
    const { db } = handle;
    await db.execute(sql`create table insert_probe (id int primary key, label text, doc jsonb, amount numeric, flag boolean, day date)`);
    const tricky = 'tab\there, newline\nthere, back\\slash, "quoted", {braces}, 彭水, NULL, ,comma';
    const columns = [["id", "int"], ["label", "text"], ["doc", "jsonb"], ["amount", "numeric"], ["flag", "boolean"], ["day", "date"]] as const;
    await db.transaction(async (tx) => {
      await insertColumns(tx, "insert_probe", columns, [
        [1, tricky, { note: tricky, nested: { list: [1, "二"] } }, "12345.67", true, "2025-06-15"],
        [2, null, null, null, false, null],
        [3, "", {}, "0.00", null, "2025-12-31"],
        [4, "NULL", ["plain"], "-1.50", true, null],
      ], 3);
    });
    expect(await executeRows(db, sql`select id, label, doc, amount::text as amount, flag, day::text as day from insert_probe order by id`)).toEqual([
      { id: 1, label: tricky, doc: { note: tricky, nested: { list: [1, "二"] } }, amount: "12345.67", flag: true, day: "2025-06-15" },
      { id: 2, label: null, doc: null, amount: null, flag: false, day: null },
      { id: 3, label: "", doc: {}, amount: "0.00", flag: null, day: "2025-12-31" },
      { id: 4, label: "NULL", doc: ["plain"], amount: "-1.50", flag: true, day: null },
    ]);
    await expect(db.transaction((tx) => insertColumns(tx, "insert_probe", columns, [[5, "x", null, null, null, null], [1, "duplicate", null, null, null, null]], 1))).rejects.toThrow();
    expect(await executeRows(db, sql`select count(*)::int as n from insert_probe`)).toEqual([{ n: 4 }]);
    await db.execute(sql`drop table insert_probe`);
  });

  test("withIndexesRebuilt drops secondary indexes for the write and builds the same ones again; duplicates still fail", async () => {
    const { db } = handle;
    await db.execute(sql`create table index_probe (id int primary key, code text not null unique, ref text unique, kind text, open boolean)`);
    await db.execute(sql`create table index_probe_child (ref text references index_probe (ref))`);
    await db.execute(sql`create index index_probe_kind_idx on index_probe (kind) where open`);
    const definitions = () =>
      executeRows<{ indexdef: string }>(db, sql`select indexdef from pg_indexes where tablename = 'index_probe' order by indexname`).then((rows) => rows.map((r) => r.indexdef));
    const before = await definitions();
    expect(before).toHaveLength(4);
    const columns = [["id", "int"], ["code", "text"], ["ref", "text"], ["kind", "text"], ["open", "boolean"]] as const;

    const during = await db.transaction((tx) =>
      withIndexesRebuilt(tx, "index_probe", async () => {
        await insertColumns(tx, "index_probe", columns, Array.from({ length: 100 }, (_, i) => [i, `C${i}`, `R${i}`, "k", true]));
        return executeRows<{ indexname: string }>(tx, sql`select indexname from pg_indexes where tablename = 'index_probe' order by indexname`);
      }),
    );
    // The primary key and the unique key a foreign key leans on stay throughout.
    expect(during.map((r) => r.indexname)).toEqual(["index_probe_pkey", "index_probe_ref_key"]);
    expect(await definitions()).toEqual(before);
    expect(await executeRows(db, sql`select count(*)::int as n from index_probe`)).toEqual([{ n: 100 }]);

    await expect(
      db.transaction((tx) => withIndexesRebuilt(tx, "index_probe", () => insertColumns(tx, "index_probe", columns, [[100, "C5", "R100", null, null]]))),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining('could not create unique index "index_probe_code_key"') } });
    expect(await definitions()).toEqual(before);
    expect(await executeRows(db, sql`select count(*)::int as n from index_probe`)).toEqual([{ n: 100 }]);
    await db.execute(sql`drop table index_probe_child, index_probe`);
  });

  // db/client.ts: on PostgreSQL each statement is prepared once per connection, so a repeated
  // query costs one round trip instead of a describe and an execute.
  test.runIf(kind === "postgres")("statements are prepared once per connection (here a transaction's) and reused", async () => {
    const { db } = handle;
    const named = sql`select count(*)::int as n from pg_prepared_statements where statement = 'select "id" from "users" where "users"."username" = $1'`;
    await db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.username, "clerk"));
      await tx.select({ id: users.id }).from(users).where(eq(users.username, "supervisor"));
      expect(await executeRows(tx, named)).toEqual([{ n: 1 }]);
    });
    const [clerk] = await db.select({ username: users.username }).from(users).where(eq(users.username, "clerk"));
    expect(clerk).toEqual({ username: "clerk" });
  });
});
