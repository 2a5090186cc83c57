/**
 * Money formatting for display (quality.md: ¥1,234.56). Strings in, strings out, through
 * decimal.js: no JavaScript floating point anywhere.
 */
import Decimal from "decimal.js";

const MONEY_RE = /^\d+(\.\d{1,2})?$/;
const Dm = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/** A contract money string: digits, at most two decimals, no sign. */
export function isMoneyString(v: unknown): v is string {
  return typeof v === "string" && MONEY_RE.test(v);
}

/** "1234.5" → "1,234.50" (rounded half-up to the fen). */
export function formatAmount(value: string | Decimal): string {
  const d = new Dm(value.toString()).toDecimalPlaces(2, Dm.ROUND_HALF_UP);
  const neg = d.isNegative() && !d.isZero();
  const s = d.abs().toString();
  const [int = "0", frac = ""] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}.${(frac + "00").slice(0, 2)}`;
}

/** "1234.5" → "¥1,234.50"; negative amounts → "-¥12.00". */
export function formatYuan(value: string | Decimal): string {
  const s = formatAmount(value);
  return s.startsWith("-") ? `-¥${s.slice(1)}` : `¥${s}`;
}

/** "1234.5" → "1,234.50元" */
export function formatYuanChinese(value: string | Decimal): string {
  return `${formatAmount(value)}元`;
}
