import { vi } from "vitest";

// See tests/support/next-mocks.ts: the session is the test's, and redirect/forbidden/notFound throw NavigationInterrupt.
vi.mock("@/lib/auth/session", async () => {
  const { session } = await import("../support/next-mocks");
  return { getSessionUser: async () => session.user };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));
vi.mock("next/navigation", async (importOriginal) => {
  const { NavigationInterrupt } = await import("../support/next-mocks");
  return {
    ...(await importOriginal<typeof import("next/navigation")>()),
    redirect: (location: string) => {
      throw new NavigationInterrupt("redirect", location);
    },
    forbidden: () => {
      throw new NavigationInterrupt("forbidden");
    },
    notFound: () => {
      throw new NavigationInterrupt("notFound");
    },
  };
});
