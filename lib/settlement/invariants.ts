/**
 * Invariants checked on every result (settlement-contract.md "Money rules"): the parts add up
 * to totalCost exactly, every part ≥ 0, no tier pays more than its base, and no annual cap or
 * limit is exceeded by the visit. A violation is a bug: INTERNAL_INVARIANT.
 */
import { EngineError } from "@/lib/policy/errors";
import { ZERO, money, type Dec } from "./decimal";

export interface InvariantInput {
  total: Dec;
  parts: { basic: Dec; critical: Dec; supplementary: Dec; assistance: Dec; tilted: Dec; outOfPocket: Dec };
  bases: { basic: Dec; critical: Dec; supplementary: Dec; assistance: Dec; tilted: Dec };
  /** remaining: what was left of the cap before the visit (null = no cap) */
  limits: { name: string; paid: Dec; remaining: Dec | null }[];
}

function broken(what: string): never {
  throw new EngineError("INTERNAL_INVARIANT", `结算结果自检失败：${what}。请联系系统管理员`);
}

export function checkInvariants(x: InvariantInput): void {
  const p = x.parts;
  const sum = p.basic.plus(p.critical).plus(p.supplementary).plus(p.assistance).plus(p.tilted).plus(p.outOfPocket);
  if (!sum.eq(x.total)) broken(`各项合计${money(sum)}不等于医疗总费用${money(x.total)}`);
  for (const [name, v] of Object.entries(p)) if (v.lt(ZERO)) broken(`${name} 为负数`);
  for (const name of ["basic", "critical", "supplementary", "assistance", "tilted"] as const) {
    if (p[name].gt(x.bases[name])) broken(`${name} 支付${money(p[name])}超过其计算基数${money(x.bases[name])}`);
  }
  for (const l of x.limits) {
    if (l.remaining !== null && l.paid.gt(l.remaining)) broken(`${l.name}：本次支付${money(l.paid)}超过剩余额度${money(l.remaining)}`);
  }
}
