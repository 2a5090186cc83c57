"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { UserFacingError } from "@/lib/errors";
import { replaySettlement } from "@/lib/visits/get-settlement";
import { reverseSettlement } from "@/lib/visits/reverse-settlement";
import { visitInputSchema } from "@/lib/visits/schemas";
import { settleVisit } from "@/lib/visits/settle-visit";

export const settleVisitAction = defineAction({
  requirement: { permission: "visit.settle" },
  input: visitInputSchema,
  async run(user, input) {
    return settleVisit(await getDb(), user, input);
  },
});

export const reverseSettlementAction = defineAction({
  requirement: { permission: "visit.settle" },
  input: z.object({
    settlementId: z.string().uuid("结算编号无效"),
    reason: z.string({ error: "请填写冲销原因" }).trim().min(2, "请填写冲销原因").max(500, "原因不超过 500 字"),
  }),
  success: "已冲销",
  async run(user, input) {
    const result = await reverseSettlement(await getDb(), user, input);
    revalidatePath(`/county/settlements/${input.settlementId}`);
    return result;
  },
});

export const replaySettlementAction = defineAction({
  requirement: { permission: "visit.settle" },
  input: z.object({ settlementId: z.string().uuid("结算编号无效") }),
  success: "按原参数重算，结果与原结算完全一致",
  async run(user, { settlementId }) {
    const outcome = await replaySettlement(await getDb(), user, settlementId);
    if (!outcome.identical) throw new UserFacingError("REPLAY_DIFFERS", "按原参数重算的结果与原结算不一致，请联系系统管理员");
    return outcome;
  },
});
