"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { buildRoster, enrolPerson, recordRosterPayment, setEnrolmentTier } from "@/lib/enrolment";
import { buildRosterSchema, enrolPersonSchema, recordRosterPaymentSchema, setEnrolmentTierSchema } from "@/lib/enrolment/schemas";

export const buildRosterAction = defineAction({
  requirement: { permission: "subsidy.manage" },
  input: buildRosterSchema,
  async run(user, input) {
    const result = await buildRoster(await getDb(), user, input);
    revalidatePath("/county/subsidy");
    return result;
  },
});

export const setEnrolmentTierAction = defineAction({
  requirement: { permission: "subsidy.manage" },
  input: setEnrolmentTierSchema,
  success: "已修改参保档次，资助金额已按政策重新计算",
  async run(user, input) {
    const result = await setEnrolmentTier(await getDb(), user, input);
    revalidatePath("/county/subsidy");
    return result;
  },
});

export const recordRosterPaymentAction = defineAction({
  requirement: { permission: "subsidy.manage" },
  input: recordRosterPaymentSchema,
  success: "已记录拨付",
  async run(user, input) {
    const result = await recordRosterPayment(await getDb(), user, input);
    revalidatePath("/county/subsidy");
    return result;
  },
});

export const enrolPersonAction = defineAction({
  requirement: { permission: "subsidy.manage" },
  input: enrolPersonSchema,
  success: "已登记参保",
  async run(user, input) {
    const result = await enrolPerson(await getDb(), user, input);
    revalidatePath(`/county/persons/${input.personId}`);
    return { enrolmentId: result.enrolmentId, coverageFrom: result.coverageFrom, subsidy: result.subsidy, personPays: result.personPays };
  },
});
