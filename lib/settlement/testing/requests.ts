/** Request builders for the tests (not shipped to users; no test runner imports here). */
export interface VisitInput {
  kind?: string;
  hospitalLevel?: number;
  location?: string;
  referral?: string;
  specialDisease?: boolean;
  transferFromLevel?: number | null;
  totalCost?: string;
  outOfCatalogCost?: string;
  selfPayFirstCost?: string;
}

export interface RequestInput {
  policy?: string;
  region?: string;
  date?: string;
  categories?: string[];
  insuranceTier?: number;
  visit?: VisitInput;
  yearToDate?: Record<string, string>;
  overrides?: Record<string, unknown>;
}

/** A pengshui-2023 level-2 county inpatient request, changed by `x`. */
export function request(x: RequestInput = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    date: x.date ?? "2024-03-15",
    person: { categories: x.categories ?? ["DIBAO"], insuranceTier: x.insuranceTier ?? 1 },
    visit: {
      kind: "inpatient",
      hospitalLevel: 2,
      location: "county",
      referral: "not_required",
      specialDisease: false,
      transferFromLevel: null,
      totalCost: "100000.00",
      outOfCatalogCost: "0.00",
      selfPayFirstCost: "0.00",
      ...x.visit,
    },
  };
  if (x.region) out.region = x.region;
  else out.policy = x.policy ?? "pengshui-2023";
  if (x.yearToDate) out.yearToDate = x.yearToDate;
  if (x.overrides) out.overrides = x.overrides;
  return out;
}

/** The contract's example request (DIBAO + YOUFU, level-2 inpatient, 120000/15000/5000). */
export const CONTRACT_EXAMPLE = request({
  categories: ["DIBAO", "YOUFU"],
  visit: { totalCost: "120000.00", outOfCatalogCost: "15000.00", selfPayFirstCost: "5000.00" },
  yearToDate: {
    basicPaid: "0.00",
    criticalBase: "0.00",
    criticalPaid: "0.00",
    supplementaryPaid: "0.00",
    assistancePaid: "0.00",
    assistanceOtherDiseasePaid: "0.00",
    tiltedPaid: "0.00",
    assistanceDeductibleMet: "0.00",
  },
});
