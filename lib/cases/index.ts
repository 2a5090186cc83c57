/**
 * On-application assistance (依申请救助, domain.md W6, policy-book.md §P-APP).
 *
 * - `submitApplication(db, input, { source: "public" | "window", … })` → `{ id, number }`
 * - `createApplication(tx, input, { source, actorId, regionCode, alertId? })`: inside a caller's transaction (W7 alerts)
 * - transitions: accept, refuse, startReview, returnForDocuments, resumeReview, proposeAssistance,
 *   approveAssistance, rejectAssistance, recordPayment → `{ unchanged, state }`
 * - `listApplications`, `getApplication`, `listPersonApplications` (staff); `getApplicationStatus`,
 *   `answerReturnedApplication` (the applicant: number + last 4 ID characters)
 */
export * from "./schemas";
export { createApplication, submitApplication, listServedCounties, newApplicationNumber } from "./submit";
export {
  MOVES,
  acceptApplication,
  refuseApplication,
  startReview,
  returnForDocuments,
  resumeReview,
  proposeAssistance,
  approveAssistance,
  rejectAssistance,
  recordPayment,
  type Move,
  type TransitionOutcome,
} from "./transitions";
export { listApplications, listPersonApplications, getApplication, getApplicationStatus, answerReturnedApplication, targetDaysFor, revealApplicantContact, maskPhone, type ApplicationStatus } from "./queries";
