/** Reporting months ("YYYY-MM"): the one place that knows their bounds and their Chinese names. */
import { shanghaiDate } from "./deadline";
import { daysInMonth } from "./id-number";

export const monthSchemaPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function parts(month: string): [number, number] {
  if (!monthSchemaPattern.test(month)) throw new RangeError(`月份格式应为 YYYY-MM：${month}`);
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

/** The month of an instant in China Standard Time. */
export function monthOf(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** The month's last day, "YYYY-MM-DD" (a snapshot's as-of date; the latest date a list may carry). */
export function monthEnd(month: string): string {
  const [y, m] = parts(month);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

/** `current` and the `count − 1` months before it, newest first. */
export function recentMonths(current: string, count: number): string[] {
  const [y, m] = parts(current);
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** 2024-03 → 2024年3月 */
export function monthLabel(month: string): string {
  const [y, m] = parts(month);
  return `${y}年${m}月`;
}
