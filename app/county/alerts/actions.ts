"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { dismissAlert } from "@/lib/alerts/alerts";
import { openCaseFromAlert } from "@/lib/alerts/open-case";

export const dismissAlertAction = defineAction({
  requirement: { permission: "case.handle" },
  input: z.object({
    alertId: z.string().uuid("预警编号无效"),
    reason: z.string({ error: "请填写排除原因" }).trim().min(2, "请填写排除原因").max(500, "原因不超过 500 字"),
  }),
  success: "已排除",
  async run(user, input) {
    const result = await dismissAlert(await getDb(), user, input);
    revalidatePath("/county/alerts");
    return result;
  },
});

export const openCaseFromAlertAction = defineAction({
  requirement: { permission: "case.handle" },
  input: z.object({
    alertId: z.string().uuid("预警编号无效"),
    phone: z.string({ error: "请填写联系电话" }).trim(),
    householdSize: z.string({ error: "请填写家庭人口数" }).trim(),
    householdAnnualIncome: z.string({ error: "请填写家庭年收入" }).trim(),
    incomeStatement: z.string({ error: "请说明家庭收入情况" }).trim(),
    reason: z.string({ error: "请填写发起理由" }).trim(),
  }),
  async run(user, input) {
    // No revalidation: it would re-render this page (now "case opened") before the form
    // takes the clerk to the new case; the list pages are rendered fresh on each visit.
    return openCaseFromAlert(await getDb(), user, input);
  },
});
