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

const plusNonZero = (a: Dec, b: Dec): Dec => (b.isZero() ? a : a.plus(b));

/**
 * The same checks as checkInvariants, in the same order and with the same messages, for the
 * engine's hot path: positional arguments, no intermediate objects, zero parts not added.
 */
export function checkSettlementInvariants(
  total: Dec,
  basic: Dec,
  critical: Dec,
  supplementary: Dec,
  assistance: Dec,
  tilted: Dec,
  outOfPocket: Dec,
  basicBase: Dec,
  criticalBase: Dec,
  supplementaryBase: Dec,
  assistanceBase: Dec,
  tiltedBase: Dec,
  basicRemaining: Dec | null,
  criticalRemaining: Dec | null,
  supplementaryRemaining: Dec | null,
  assistanceRemaining: Dec | null,
  tiltedRemaining: Dec | null,
): void {
  const sum = plusNonZero(plusNonZero(plusNonZero(plusNonZero(plusNonZero(basic, critical), supplementary), assistance), tilted), outOfPocket);
  if (!sum.eq(total)) broken(`各项合计${money(sum)}不等于医疗总费用${money(total)}`);
  if (basic.isNegative() || critical.isNegative() || supplementary.isNegative() || assistance.isNegative() || tilted.isNegative() || outOfPocket.isNegative()) {
    checkInvariants({
      total,
      parts: { basic, critical, supplementary, assistance, tilted, outOfPocket },
      bases: { basic: basicBase, critical: criticalBase, supplementary: supplementaryBase, assistance: assistanceBase, tilted: tiltedBase },
      limits: [],
    });
  }
  if (basic.gt(basicBase)) broken(`basic 支付${money(basic)}超过其计算基数${money(basicBase)}`);
  if (critical.gt(criticalBase)) broken(`critical 支付${money(critical)}超过其计算基数${money(criticalBase)}`);
  if (supplementary.gt(supplementaryBase)) broken(`supplementary 支付${money(supplementary)}超过其计算基数${money(supplementaryBase)}`);
  if (assistance.gt(assistanceBase)) broken(`assistance 支付${money(assistance)}超过其计算基数${money(assistanceBase)}`);
  if (tilted.gt(tiltedBase)) broken(`tilted 支付${money(tilted)}超过其计算基数${money(tiltedBase)}`);
  limit("基本医保年度限额", basic, basicRemaining);
  limit("大病保险封顶线", critical, criticalRemaining);
  limit("补充保险限额", supplementary, supplementaryRemaining);
  limit("医疗救助限额", assistance, assistanceRemaining);
  limit("倾斜救助限额", tilted, tiltedRemaining);
}

function limit(name: string, paid: Dec, remaining: Dec | null): void {
  if (remaining !== null && paid.gt(remaining)) broken(`${name}：本次支付${money(paid)}超过剩余额度${money(remaining)}`);
}
