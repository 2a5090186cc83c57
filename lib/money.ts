/**
 * Money formatting for display (quality.md: ¥1,234.56). Strings in, strings out, through
 * decimal.js: no JavaScript floating point anywhere.
 */
import Decimal from "decimal.js";

const Dm = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

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
