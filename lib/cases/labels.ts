import type { ApplicationState } from "@/db/schema/cases";

/** W6 labels (client-safe: types only from the schema). */
export const STATE_LABELS: Record<ApplicationState, string> = {
  SUBMITTED: "已提交",
  ACCEPTED: "已受理",
  REFUSED: "不予受理",
  UNDER_REVIEW: "审核中",
  RETURNED: "退回补正",
  PROPOSED: "待审批",
  APPROVED: "已批准",
  REJECTED: "已驳回",
  PAID: "已发放",
};

export const SOURCE_LABELS = { public: "网上申请", window: "窗口申请", alert: "预警主动发起" } as const;
export type ApplicationSource = keyof typeof SOURCE_LABELS;
