/**
 * The monthly list deadline (policy-book.md P-ID-1): the 5th of the month, moved to the next
 * working day when it falls on a Saturday, a Sunday or a listed public holiday.
 *
 * Public surface:
 *  - `submissionDeadline(month, holidays?, options?)` → "YYYY-MM-DD"
 *  - `isLate(month, submittedAt, holidays?, options?)` → boolean (late = submitted after the deadline day)
 *  - `shanghaiDate(instant)` → the calendar date of an instant in Asia/Shanghai (UTC+8, no DST)
 *
 * `options.day` changes the due day (P-ID-3, jilin-2019: the 10th); `options.workdays` lists
 * make-up working days (调休上班日): a Saturday or Sunday listed there counts as a working day.
 * Pure calendar arithmetic in UTC; never reads the clock.
 */

export interface DeadlineOptions {
  /** Day of the month the list is due (default 5). */
  day?: number;
  /** Weekend days that are official working days (调休), "YYYY-MM-DD". */
  workdays?: readonly string[];
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The deadline of the list for `month` ("YYYY-MM"). */
export function submissionDeadline(month: string, holidays: readonly string[] = [], options: DeadlineOptions = {}): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`月份格式应为 YYYY-MM：${month}`);
  const day = options.day ?? 5;
  const holidaySet = new Set(holidays);
  const workdaySet = new Set(options.workdays ?? []);
  let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, day);
  for (let guard = 0; guard < 60; guard++) {
    const date = iso(t);
    const weekday = new Date(t).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const working = workdaySet.has(date) || (!weekend && !holidaySet.has(date));
    if (working) return date;
    t += 86_400_000;
  }
  throw new RangeError(`无法确定 ${month} 的报送截止日`);
}

/** The Asia/Shanghai calendar date of an instant (China has had no DST since 1991). */
export function shanghaiDate(instant: Date): string {
  return iso(instant.getTime() + 8 * 3_600_000);
}

/**
 * Whether a submission made at `submittedAt` is late for `month`. A "YYYY-MM-DD" string is a
 * calendar date; a Date or an ISO timestamp string is converted to the Asia/Shanghai date.
 */
export function isLate(month: string, submittedAt: string | Date, holidays: readonly string[] = [], options: DeadlineOptions = {}): boolean {
  let date: string;
  if (submittedAt instanceof Date) date = shanghaiDate(submittedAt);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(submittedAt)) date = submittedAt;
  else {
    const t = new Date(submittedAt);
    if (Number.isNaN(t.getTime())) throw new RangeError(`无法识别的报送时间：${submittedAt}`);
    date = shanghaiDate(t);
  }
  return date > submissionDeadline(month, holidays, options);
}
