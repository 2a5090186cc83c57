import "server-only";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { registrySnapshots } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertInScope, AuthError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/types";
import { CATEGORY_LABELS } from "@/lib/settlement";
import { DEPARTMENT_LABELS } from "@/lib/labels";
import { monthLabel } from "./months";

/**
 * The monthly snapshot as a workbook (W2.3): a summary sheet and the roster the
 * county sends on (P-ID-3). It holds full ID numbers, so every export is audited.
 */
export async function exportSnapshot(db: DbOrTx, actor: SessionUser, snapshotId: string) {
  const [snapshot] = await db.select().from(registrySnapshots).where(eq(registrySnapshots.id, snapshotId)).limit(1);
  if (!snapshot) throw new AuthError(404, "NOT_FOUND", "未找到该记录");
  assertInScope(actor, { permission: "registry.reconcile", region: snapshot.regionCode });
  const members = await executeRows<{ id_number: string; name: string; township: string | null; category: keyof typeof CATEGORY_LABELS; department_code: keyof typeof DEPARTMENT_LABELS | null }>(
    db,
    sql`select p.id_number, p.name, r.name as township, m.category, m.department_code
        from snapshot_members m join persons p on p.id = m.person_id left join regions r on r.code = p.township_code
        where m.snapshot_id = ${snapshot.id} order by p.township_code, p.name`,
  );
  const counts = snapshot.counts as { asOf: string; total: number; byCategory: Record<string, number>; additions: number; removals: number; changes: number };

  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet("汇总");
  summary.addRow([`${monthLabel(snapshot.month)}困难群众登记快照（第${snapshot.version}版，截至${counts.asOf}）`]);
  summary.addRow([]);
  summary.addRow(["类别", "人数"]);
  for (const [category, n] of Object.entries(counts.byCategory)) summary.addRow([CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] ?? category, n]);
  summary.addRow(["合计", counts.total]);
  summary.addRow([]);
  summary.addRow(["较上一快照新增", counts.additions]);
  summary.addRow(["较上一快照退出", counts.removals]);
  summary.addRow(["类别变化", counts.changes]);
  summary.getColumn(1).width = 28;

  const roster = workbook.addWorksheet("名单");
  roster.columns = [
    { header: "公民身份号码", key: "id", width: 22, style: { numFmt: "@" } },
    { header: "姓名", key: "name", width: 12 },
    { header: "乡镇（街道）", key: "township", width: 14 },
    { header: "适用类别", key: "category", width: 22 },
    { header: "认定部门", key: "department", width: 18 },
  ];
  for (const m of members) {
    roster.addRow({
      id: m.id_number,
      name: m.name,
      township: m.township ?? "",
      category: CATEGORY_LABELS[m.category],
      department: m.department_code ? DEPARTMENT_LABELS[m.department_code] : "",
    });
  }
  roster.getRow(1).font = { bold: true };
  await recordAudit(db, { actor, action: "registry.export_snapshot", targetType: "registry_snapshot", targetId: snapshot.id, details: { rows: members.length } });
  return { fileName: `登记快照-${snapshot.month}-v${snapshot.version}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
