"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { confirmSubmission, discardSubmission } from "@/lib/registry/stage-list-upload";

const submissionInput = z.object({ submissionId: z.string().uuid("名单编号无效") });

export const confirmSubmissionAction = defineAction({
  requirement: { permission: "registry.submit" },
  input: submissionInput,
  success: "已确认报送",
  async run(user, { submissionId }) {
    const result = await confirmSubmission(await getDb(), user, submissionId);
    revalidatePath(`/department/lists/${submissionId}`);
    return { status: result.status };
  },
});

export const discardSubmissionAction = defineAction({
  requirement: { permission: "registry.submit" },
  input: submissionInput,
  success: "已作废",
  async run(user, { submissionId }) {
    const result = await discardSubmission(await getDb(), user, submissionId);
    revalidatePath("/department/lists");
    return { status: result.status };
  },
});
