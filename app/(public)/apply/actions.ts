"use server";

import { headers } from "next/headers";
import { getDb } from "@/db";
import type { ActionResult } from "@/lib/action-result";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { answerReturnedApplication, citizenResumeSchema, getApplicationStatus, statusQuerySchema, submitApplication, type ApplicationStatus } from "@/lib/cases";
import { UserFacingError } from "@/lib/errors";
import { formatDate } from "@/lib/labels";

// The public side of W6: no sign-in. Each action validates on the server, limits per address
// (in the use case), and answers in Chinese; the ID number only ever travels in a POST body.

async function publicAction<T>(formData: FormData, run: (address: string) => Promise<T>, echo: boolean): Promise<ActionResult<T>> {
  const values: Record<string, string> = {};
  if (echo) for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v.slice(0, 200);
  try {
    return { ok: true, data: await run(await clientAddress()) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values };
    console.error("public application action failed:", error instanceof Error ? error.name : typeof error);
    return { ok: false, code: "INTERNAL", message: "系统繁忙，请稍后重试；您的申请未提交", values };
  }
}

/** The caller's address for the per-address limits ("unknown" outside a request, e.g. in tests). */
async function clientAddress(): Promise<string> {
  try {
    return clientAddressFrom(await headers());
  } catch {
    return "unknown";
  }
}

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): UserFacingError {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return new UserFacingError("INVALID_INPUT", Object.values(out)[0] ?? "输入有误", out);
}

export async function submitPublicApplicationAction(_previous: unknown, formData: FormData): Promise<ActionResult<{ number: string }>> {
  return publicAction(formData, async (clientAddress) => {
    const { number } = await submitApplication(await getDb(), Object.fromEntries(formData.entries()), { source: "public", clientAddress });
    return { number };
  }, true);
}

/** What the status page shows: dates already formatted, nothing else of the case. */
export type StatusView = Omit<ApplicationStatus, "submittedAt" | "stateChangedAt" | "history"> & {
  submittedOn: string;
  stateChangedOn: string;
  history: { stateLabel: string; on: string }[];
};

function view(s: ApplicationStatus): StatusView {
  const { submittedAt, stateChangedAt, history, ...rest } = s;
  return { ...rest, submittedOn: formatDate(submittedAt), stateChangedOn: formatDate(stateChangedAt), history: history.map((h) => ({ stateLabel: h.stateLabel, on: formatDate(h.at) })) };
}

export async function applicationStatusAction(_previous: unknown, formData: FormData): Promise<ActionResult<StatusView>> {
  return publicAction(formData, async (clientAddress) => {
    const parsed = statusQuerySchema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) throw fieldErrors(parsed.error.issues);
    return view(await getApplicationStatus(await getDb(), parsed.data.number, parsed.data.last4, clientAddress));
  }, false);
}

export async function answerReturnedAction(_previous: unknown, formData: FormData): Promise<ActionResult<StatusView>> {
  return publicAction(formData, async (clientAddress) => {
    const parsed = citizenResumeSchema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) throw fieldErrors(parsed.error.issues);
    return view(await answerReturnedApplication(await getDb(), parsed.data, clientAddress));
  }, false);
}
