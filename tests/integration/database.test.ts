import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { auditLog, listSubmissions, reconciliationRuns, regions, users } from "@/db/schema";
import { DEMO_USERS, seedDemoData } from "@/db/seed/demo";
import { seedDemoRegistry } from "@/db/seed/demo-registry";
import { BACKENDS, createTestDatabase } from "../support/db";

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
});
