"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { monthSchemaPattern } from "@/lib/registry/months";
import { reconcileMonth } from "@/lib/registry/reconcile-month";
import { resolveConflict } from "@/lib/registry/resolve-conflict";

export const reconcileMonthAction = defineAction({
  requirement: { permission: "registry.reconcile" },
  input: z.object({ month: z.string().regex(monthSchemaPattern, "请选择月份") }),
  success: "比对完成",
  async run(user, { month }) {
    const { run, snapshot } = await reconcileMonth(await getDb(), user, { month });
    revalidatePath("/county/registry");
    return { runId: run.id, status: run.status, snapshotId: snapshot?.id ?? null };
  },
});

export const resolveConflictAction = defineAction({
  requirement: { permission: "registry.reconcile" },
  input: z.object({
    conflictId: z.string().uuid("冲突编号无效"),
    decision: z.enum(["apply", "reject", "not_conflict"], { error: "请选择处理方式" }),
    name: z.string().trim().max(40).optional(),
    reason: z.string({ error: "请填写处理理由" }).trim().min(2, "请填写处理理由").max(500, "理由不超过 500 字"),
  }),
  success: "已处理",
  async run(user, input) {
    const result = await resolveConflict(await getDb(), user, { ...input, name: input.name || undefined });
    revalidatePath("/county/registry");
    return { runCompleted: result.runCompleted };
  },
});
