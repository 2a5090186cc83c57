/**
 * Deterministic synthetic hospital visits for benchmarks and demos (quality.md: the data
 * generator makes realistic data at any size from a seed). Amounts are built from integer
 * fen, so no floating point touches money.
 */
import { createRng } from "@/lib/registry/synthetic";

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
