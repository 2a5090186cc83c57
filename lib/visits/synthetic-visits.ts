/**
 * Deterministic synthetic hospital visits for benchmarks and demos (quality.md: the data
 * generator makes realistic data at any size from a seed). Amounts are built from integer
 * fen, so no floating point touches money.
 */
import { createRng } from "@/lib/registry/synthetic";
import { HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, REFERRAL_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement/labels";

export interface SyntheticVisit {
  personIndex: number;
  visitDate: string;
  kind: "inpatient" | "outpatient_special" | "outpatient_general";
  hospitalLevel: "0" | "1" | "2" | "3";
  location: "county" | "city" | "province" | "out_of_province";
  referral: "not_required" | "referred" | "unreferred";
  specialDisease: boolean;
  totalCost: string;
  outOfCatalogCost: string;
  selfPayFirstCost: string;
}

const fen = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

/** `count` visits of `persons` people in `year`: mostly general outpatient, some stays, a few large. */
export function generateVisits(options: { count: number; persons: number; year: number; seed: number | string }): SyntheticVisit[] {
  const rng = createRng(`visits:${options.seed}`);
  const out: SyntheticVisit[] = [];
  for (let i = 0; i < options.count; i++) {
    const kind = rng.weighted([["outpatient_general", 55], ["outpatient_special", 20], ["inpatient", 25]] as const);
    const location = rng.weighted([["county", 70], ["city", 18], ["province", 9], ["out_of_province", 3]] as const);
    const referral = location === "county" ? "not_required" : rng.weighted([["referred", 80], ["unreferred", 20]] as const);
    // Costs in fen: outpatient 50–2,000 yuan, stays 2,000–60,000 with a long tail to 400,000.
    const base = kind === "inpatient" ? 200_000 + rng.int(5_800_000) : 5_000 + rng.int(195_000);
    const total = kind === "inpatient" && rng.next() < 0.05 ? base * (2 + rng.int(6)) : base;
    const outOfCatalog = Math.floor((total * rng.int(15)) / 100);
    const selfPayFirst = Math.floor(((total - outOfCatalog) * rng.int(8)) / 100);
    const day = 1 + rng.int(364);
    const date = new Date(Date.UTC(options.year, 0, day));
    out.push({
      personIndex: rng.int(options.persons),
      visitDate: date.toISOString().slice(0, 10),
      kind,
      hospitalLevel: kind === "inpatient" ? rng.weighted([["1", 20], ["2", 55], ["3", 25]] as const) : rng.weighted([["0", 40], ["1", 40], ["2", 20]] as const),
      location,
      referral,
      specialDisease: kind === "outpatient_special" || (kind === "inpatient" && rng.next() < 0.15),
      totalCost: fen(total),
      outOfCatalogCost: fen(outOfCatalog),
      selfPayFirstCost: fen(selfPayFirst),
    });
  }
  return out;
}

/**
 * Visits as CSV lines in the hospital settlement export layout (HOSPITAL_EXPORT_COLUMNS, with
 * Chinese labels as hospitals write them); numbered GEN<year>-0000001… from `offset`.
 */
export function hospitalExportLines(
  visits: readonly SyntheticVisit[],
  persons: ReadonlyArray<{ idNumber: string; name: string }>,
  options: { year: number; offset?: number },
): string[] {
  const hospital = { "0": "乡镇卫生院", "1": "中医院", "2": "中医院", "3": "人民医院" } as const;
  return visits.map((v, j) => {
    const p = persons[v.personIndex]!;
    return [
      `GEN${options.year}-${String((options.offset ?? 0) + j + 1).padStart(7, "0")}`,
      p.idNumber,
      p.name,
      v.visitDate,
      VISIT_KIND_LABELS[v.kind],
      `彭水县${hospital[v.hospitalLevel]}`,
      HOSPITAL_LEVEL_LABELS[Number(v.hospitalLevel) as 0 | 1 | 2 | 3].replace("/未定级", ""),
      LOCATION_LABELS[v.location],
      REFERRAL_LABELS[v.referral],
      v.specialDisease ? "是" : "否",
      "",
      v.totalCost,
      v.outOfCatalogCost,
      v.selfPayFirstCost,
    ].join(",");
  });
}
