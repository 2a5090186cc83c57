/** Chinese labels of registry states (one place; pages and exports use them). */
export const SUBMISSION_STATUS_LABELS = { draft: "待确认", confirmed: "已确认报送", superseded: "已被更正名单替换", discarded: "已作废" } as const;
export const ROW_OUTCOME_LABELS = {
  pending: "待县医保局比对",
  dropped: "已剔除",
  applied: "已入库",
  unchanged: "无变化",
  conflict: "存在冲突，待核实",
  rejected: "经核实未采用",
} as const;
export const CONFLICT_KIND_LABELS = {
  NAME_MISMATCH: "同一身份证号姓名不一致",
  ADDED_AND_REMOVED: "一个部门减少、另一部门新增",
  WRONG_DEPARTMENT: "类别不属于报送部门",
} as const;
export const RUN_STATUS_LABELS = { needs_review: "有冲突待处理", completed: "已完成" } as const;
