/**
 * decimal.js for all money (settlement-contract.md "Money rules"): 40 significant digits,
 * ROUND_HALF_UP, no exponent notation in strings.
 */
import Decimal from "decimal.js";

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export const ZERO: Dec = new D(0);
export const ONE: Dec = new D(1);
export const HUNDRED: Dec = new D(100);

/** One tier's payment: 0.01 yuan, half-up. */
export function round2(d: Dec): Dec {
  return d.toDecimalPlaces(2, D.ROUND_HALF_UP);
}

/** A money string with exactly two decimals ("69790.00"); the value is rounded half-up to 0.01. */
export function money(d: Dec): string {
  // Already whole fen (every tier's payment, every validated input): no rounding temporary.
  const s = (d.decimalPlaces() <= 2 ? d : round2(d)).toString();
  const dot = s.indexOf(".");
  if (dot < 0) return `${s}.00`;
  const frac = s.slice(dot + 1);
  return frac.length === 1 ? `${s}0` : s;
}

/** A ratio as a percentage without trailing zeros: 0.7 → "70%", 0.725 → "72.5%". */
export function pct(ratio: Dec): string {
  return `${ratio.times(HUNDRED).toString()}%`;
}

export function dmax(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

export function dmin(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}

/** A validated two-decimal money string as a decimal; "0.00" (the usual year-to-date value) is not parsed. */
export function decOf(s: string): Dec {
  return s === "0.00" ? ZERO : new D(s);
}

/** min with `null` meaning "no limit". */
export function dminLimit(a: Dec, limit: Dec | null): Dec {
  return limit === null || a.lte(limit) ? a : limit;
}

/** Percentage points: 0.05 → "5个百分点". */
export function points(ratio: Dec): string {
  return `${ratio.times(HUNDRED).toString()}个百分点`;
}

/** A ratio with at least two decimals, as the contract shows them: 0.7 → "0.70", 0.725 → "0.725". */
export function ratioText(ratio: Dec): string {
  const s = ratio.toString();
  const dot = s.indexOf(".");
  if (dot < 0) return `${s}.00`;
  return s.length - dot - 1 === 1 ? `${s}0` : s;
}

/** An exact amount: two decimals unless it has more (an unrounded tilted deductible). */
export function exact(d: Dec): string {
  return d.decimalPlaces() <= 2 ? money(d) : d.toString();
}
