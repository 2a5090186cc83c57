/** Chinese names of audit actions shown to admins. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "登录成功",
  "auth.sign_in_failed": "登录失败",
  "auth.sign_in_throttled": "登录被限制（锁定中）",
  "auth.throttle_locked": "连续失败，已临时锁定",
  "user.create": "添加用户",
  "user.enable": "启用用户",
  "user.disable": "停用用户",
  "user.reset_password": "重设密码",
  "demo.seed": "写入演示数据",
  "registry.stage_list": "上传名单",
  "registry.confirm_list": "确认报送名单",
  "registry.discard_list": "作废名单",
  "registry.reconcile": "名单汇总比对",
  "registry.resolve_conflict": "处理比对冲突",
  "registry.export_snapshot": "导出登记快照",
  "person.reveal_id_number": "查看完整身份证号",
};
