"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import {
  acceptApplication,
  applicationInputSchema,
  approveAssistance,
  approveSchema,
  caseIdSchema,
  listApplications,
  listFilterSchema,
  paySchema,
  proposeAssistance,
  proposeSchema,
  recordPayment,
  refuseApplication,
  refuseSchema,
  rejectAssistance,
  rejectSchema,
  resumeReview,
  resumeSchema,
  returnForDocuments,
  returnSchema,
  revealApplicantContact,
  startReview,
  submitApplication,
} from "@/lib/cases";

// W6 server actions: zod → permission → use case (which re-checks scope, state and four eyes).

function refreshed<T>(applicationId: string, outcome: T): T {
  revalidatePath(`/county/cases/${applicationId}`);
  revalidatePath("/county/cases");
  return outcome;
}

export const createWindowApplicationAction = defineAction({
  requirement: { permission: "case.handle" },
  input: applicationInputSchema,
  async run(user, input) {
    const created = await submitApplication(await getDb(), input as unknown as Record<string, unknown>, { source: "window", actor: user });
    revalidatePath("/county/cases");
    return created;
  },
});

/** Filters and the number/name search travel in the POST body: names are personal data. */
export const searchCasesAction = defineAction({
  requirement: { permission: "case.handle" },
  input: listFilterSchema,
  async run(user, filter) {
    const { rows, targetDays } = await listApplications(await getDb(), user, filter);
    return { targetDays, rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), stateChangedAt: r.stateChangedAt.toISOString() })) };
  },
});

export const acceptCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: caseIdSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await acceptApplication(await getDb(), user, input));
  },
});

export const refuseCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: refuseSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await refuseApplication(await getDb(), user, input));
  },
});

export const startReviewAction = defineAction({
  requirement: { permission: "case.handle" },
  input: caseIdSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await startReview(await getDb(), user, input));
  },
});

export const returnCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: returnSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await returnForDocuments(await getDb(), user, input));
  },
});

export const resumeCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: resumeSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await resumeReview(await getDb(), user, input));
  },
});

export const proposeCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: proposeSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await proposeAssistance(await getDb(), user, input));
  },
});

export const approveCaseAction = defineAction({
  requirement: { permission: "case.decide" },
  input: approveSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await approveAssistance(await getDb(), user, input));
  },
});

export const rejectCaseAction = defineAction({
  requirement: { permission: "case.decide" },
  input: rejectSchema,
  async run(user, input) {
    return refreshed(input.applicationId, await rejectAssistance(await getDb(), user, input));
  },
});

export const payCaseAction = defineAction({
  requirement: { permission: "case.handle" },
  input: paySchema,
  async run(user, input) {
    return refreshed(input.applicationId, await recordPayment(await getDb(), user, input));
  },
});

/** The full ID number and phone of the applicant, audited. */
export const revealApplicantAction = defineAction({
  requirement: { permission: "beneficiary.reveal" },
  input: caseIdSchema,
  async run(user, { applicationId }) {
    return revealApplicantContact(await getDb(), user, applicationId);
  },
});
