/** "YYYY-MM" of an instant in China Standard Time, and the months before it. */
export function monthOf(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(instant).slice(0, 7);
}

export function recentMonths(current: string, count: number): string[] {
  const [y, m] = current.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

export const monthSchemaPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 2024-03 → 2024年3月 */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${y}年${Number(m)}月`;
}
