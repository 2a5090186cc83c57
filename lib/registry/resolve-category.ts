/**
 * 就高不重复 (policy-book.md P-ID-2, P-ID-I1): a person with several identities in force on a
 * date gets the single most favourable category, decided by the policy set's explicit priority.
 *
 * Public surface:
 *  - `resolveCategoryOn(identities, date, priority)` → `{ category, winner, candidates, ignored, reason }`
 *  - `categoryTimeline(identities, priority)` → `[{ from, to, category, winner, candidates, reason }]`
 *
 * An identity is in force on `date` when `validFrom <= date < validTo` (validTo exclusive, null =
 * open). `priority` lists categories most favourable first (lib/policy supplies it; pengshui-2023:
 * TEKUN > DIBAO > FANPIN > DIBIAN > JIANCE > YINBING > YOUFU > ZHONGCAN > NONE). A category that the
 * priority does not list (JIANDANG under a 2023 policy) cannot win: it is reported in `ignored`
 * and the reason says so. Nothing in force → NONE.
 */
import type { CategoryCode, DepartmentCode } from "@/db/schema/enums";
import { CATEGORY_LABELS, DEPARTMENT_NAMES } from "./department-categories";

export interface CategoryIdentity {
  category: CategoryCode;
  /** First day in force, "YYYY-MM-DD". */
  validFrom: string;
  /** First day no longer in force (exclusive), or null while open. */
  validTo: string | null;
  department: DepartmentCode;
}

export interface CategoryResolution<I extends CategoryIdentity = CategoryIdentity> {
  category: CategoryCode;
  /** The identity that gave the category, or null when the result is NONE. */
  winner: I | null;
  /** Every identity in force that day whose category the priority ranks, most favourable first. */
  candidates: I[];
  /** Identities in force whose category the priority does not rank. */
  ignored: I[];
  /** Plain-Chinese explanation. */
  reason: string;
}

export interface CategoryInterval<I extends CategoryIdentity = CategoryIdentity> extends CategoryResolution<I> {
  from: string;
  /** Exclusive; null = open-ended. */
  to: string | null;
}

function inForce(i: CategoryIdentity, date: string): boolean {
  return i.validFrom <= date && (i.validTo === null || date < i.validTo);
}

function describe(i: CategoryIdentity): string {
  return `${CATEGORY_LABELS[i.category]}（${DEPARTMENT_NAMES[i.department]}）`;
}

function joinChinese(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("、")}和${parts[parts.length - 1]}`;
}

function unique(parts: string[]): string[] {
  return [...new Set(parts)];
}

/** The category of a person on `date` under `priority` (most favourable first). */
export function resolveCategoryOn<I extends CategoryIdentity>(
  identities: readonly I[],
  date: string,
  priority: readonly CategoryCode[],
): CategoryResolution<I> {
  const rank = new Map<CategoryCode, number>();
  priority.forEach((c, idx) => rank.set(c, idx));

  const candidates: I[] = [];
  const ignored: I[] = [];
  for (const i of identities) {
    if (!inForce(i, date) || i.category === "NONE") continue;
    (rank.has(i.category) ? candidates : ignored).push(i);
  }
  candidates.sort(
    (a, b) =>
      (rank.get(a.category) ?? 0) - (rank.get(b.category) ?? 0) ||
      (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0) ||
      a.department.localeCompare(b.department),
  );

  const ignoredNote =
    ignored.length > 0 ? `${joinChinese(unique(ignored.map(describe)))}不在本政策的类别次序中，不参与比较；` : "";
  const winner = candidates[0] ?? null;
  if (winner === null) {
    return { category: "NONE", winner: null, candidates, ignored, reason: `${ignoredNote}当日无有效身份认定，按普通参保人` };
  }
  const described = unique(candidates.map(describe));
  const reason =
    described.length === 1
      ? `${ignoredNote}认定为${described[0]}`
      : `${ignoredNote}同时认定为${joinChinese(described)}，按就高不重复取${CATEGORY_LABELS[winner.category]}`;
  return { category: winner.category, winner, candidates, ignored, reason };
}

/**
 * The resolved category over time: consecutive intervals from the earliest `validFrom`, split at
 * every start and end of an identity and merged while the category and the reason stay the same
 * (a re-certification the day the old one ends is one interval; `winner` and `candidates` are
 * those at the interval's start). A trailing interval after the last end is NONE with `to: null`.
 */
export function categoryTimeline<I extends CategoryIdentity>(
  identities: readonly I[],
  priority: readonly CategoryCode[],
): CategoryInterval<I>[] {
  const bounds = new Set<string>();
  for (const i of identities) {
    bounds.add(i.validFrom);
    if (i.validTo !== null) bounds.add(i.validTo);
  }
  const dates = [...bounds].sort();
  const out: CategoryInterval<I>[] = [];
  for (let k = 0; k < dates.length; k++) {
    const from = dates[k] as string;
    const to = dates[k + 1] ?? null;
    const r = resolveCategoryOn(identities, from, priority);
    const prev = out[out.length - 1];
    if (prev && prev.category === r.category && prev.reason === r.reason) {
      prev.to = to;
      continue;
    }
    out.push({ from, to, ...r });
  }
  return out;
}
