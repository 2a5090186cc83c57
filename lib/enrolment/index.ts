/**
 * Enrolment and premium subsidy (资助参保, domain.md W4, policy-book.md §P-PS, P-BASIC-6).
 *
 * Use cases (`fn(db, actor, input)`, one transaction each, audited; inputs parsed with the
 * schemas of ./schemas, refusals name the field):
 *  - `enrolPerson` — one person-year (late enrolee or missing from the roster)
 *  - `buildRoster` — the county's roster for a year, set-based; idempotent per county-year
 *  - `setEnrolmentTier` — a roster line's tier, while the roster is unpaid
 *  - `recordRosterPayment` — once, with a payment reference
 * Reads: `getRoster`, `getRosterForYear`, `rosterSummary`, `listRosterLines`,
 * `listPersonEnrolments`, `exportRoster`, and `enrolmentFor(tx, personId, year)` for visit
 * settlement. Pure: `coverageFrom` and friends in ./coverage (client-safe).
 */
export { enrolPerson } from "./enrol-person";
export { buildRoster } from "./build-roster";
export { setEnrolmentTier } from "./set-enrolment-tier";
export { recordRosterPayment } from "./record-roster-payment";
export { getRoster, getRosterForYear, rosterSummary, listRosterLines, ROSTER_PAGE_SIZE, type RosterLine, type RosterSummaryRow, type RosterAmounts } from "./get-roster";
export { listPersonEnrolments, enrolmentFor } from "./list-person-enrolments";
export { coverageExplanation } from "./subsidy";
export { exportRoster } from "./export-roster";
export { coverageFrom, isLateEnrolment, COVERAGE_RULE_EXPLANATIONS, type CoverageRule } from "./coverage";
