/** The client's address as the load balancer reports it; used for throttling and audit only. */
export function clientAddressFrom(headers: { get(name: string): string | null } | Record<string, unknown> | undefined): string {
  const read = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as { get?: unknown }).get === "function") {
      return (headers as { get(n: string): string | null }).get(name) ?? undefined;
    }
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  };
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || read("x-real-ip") || "unknown").slice(0, 64);
}
