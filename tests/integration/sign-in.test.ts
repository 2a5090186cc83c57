import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { useDatabaseForTests, type DatabaseHandle } from "@/db";
import { auditLog, loginThrottle, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/demo";
import { THROTTLE } from "@/lib/auth/throttle";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { BACKENDS, createTestDatabase } from "../support/db";

// This file checks the real session lookup, not the matrix's stand-in.
vi.unmock("@/lib/auth/session");
const tokenUser = vi.hoisted(() => ({ id: "" }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (tokenUser.id ? { user: { id: tokenUser.id } } : null),
}));

async function auditCount(db: DatabaseHandle["db"], action: string, username: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorUsername, username)));
  return Number(row?.n ?? 0);
}

describe.each(BACKENDS)("sign-in on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind, { seedDemo: true });
    useDatabaseForTests(handle);
  });
  afterAll(async () => {
    useDatabaseForTests(undefined);
    await handle?.close();
  });

  test("the right password signs in and is audited; the role and scope come from the account", async () => {
    const outcome = await verifyCredentials(handle.db, { username: "Clerk ", password: DEMO_PASSWORD, clientAddress: "10.0.0.1" });
    expect(outcome).toMatchObject({ ok: true, user: { username: "clerk", role: "county_clerk", regionScope: "500243", departmentCode: null } });
    expect(await auditCount(handle.db, "auth.sign_in", "clerk")).toBe(1);
  });

  test(`brute force: after ${THROTTLE.accountFailures} failures the account is locked, even for the right password, and it is audited`, async () => {
    const { db } = handle;
    for (let i = 1; i <= THROTTLE.accountFailures; i++) {
      const outcome = await verifyCredentials(db, { username: "admin", password: `wrong-${i}`, clientAddress: `10.0.1.${i}` });
      expect(outcome).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    }
    expect(await auditCount(db, "auth.sign_in_failed", "admin")).toBe(THROTTLE.accountFailures);
    expect(await auditCount(db, "auth.throttle_locked", "admin")).toBe(1);

    // Locked: the correct password from a fresh address is refused without being checked.
    const locked = await verifyCredentials(db, { username: "admin", password: DEMO_PASSWORD, clientAddress: "10.0.2.1" });
    expect(locked).toEqual({ ok: false, reason: "THROTTLED" });
    expect(await auditCount(db, "auth.sign_in_throttled", "admin")).toBe(1);
    expect(await auditCount(db, "auth.sign_in", "admin")).toBe(0);

    // Other accounts are unaffected.
    expect((await verifyCredentials(db, { username: "minzheng", password: DEMO_PASSWORD, clientAddress: "10.0.2.1" })).ok).toBe(true);

    // When the lock expires the account signs in again, and its counter is cleared.
    await db.update(loginThrottle).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(loginThrottle.key, "account:admin"));
    expect((await verifyCredentials(db, { username: "admin", password: DEMO_PASSWORD, clientAddress: "10.0.2.1" })).ok).toBe(true);
    const [counter] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, "account:admin"));
    expect(counter).toBeUndefined();
  });

  test(`one address guessing many accounts is locked after ${THROTTLE.addressFailures} failures`, async () => {
    const { db } = handle;
    for (let i = 1; i <= THROTTLE.addressFailures; i++) {
      await verifyCredentials(db, { username: `nobody-${i}`, password: "guess", clientAddress: "203.0.113.9" });
    }
    const outcome = await verifyCredentials(db, { username: "supervisor", password: DEMO_PASSWORD, clientAddress: "203.0.113.9" });
    expect(outcome).toEqual({ ok: false, reason: "THROTTLED" });
    expect((await verifyCredentials(db, { username: "supervisor", password: DEMO_PASSWORD, clientAddress: "203.0.113.10" })).ok).toBe(true);
  });

  test("a disabled account cannot sign in, and its existing session stops working at once", async () => {
    const { db } = handle;
    const { getSessionUser } = await import("@/lib/auth/session");
    const [tuiyi] = await db.select().from(users).where(eq(users.username, "tuiyi"));
    tokenUser.id = tuiyi!.id;
    expect(await getSessionUser()).toMatchObject({ username: "tuiyi", role: "department", departmentCode: "TUIYI" });

    await db.update(users).set({ active: false }).where(eq(users.id, tuiyi!.id));
    // React's cache() only memoises within a request; outside one each call reads again.
    expect(await getSessionUser()).toBeNull();
    const outcome = await verifyCredentials(db, { username: "tuiyi", password: DEMO_PASSWORD, clientAddress: "10.0.3.1" });
    expect(outcome).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    tokenUser.id = "";
    expect(await getSessionUser()).toBeNull();
  });
});
