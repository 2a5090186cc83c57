import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { visitImports } from "@/db/schema";
import { HospitalImportForm } from "@/components/visits/hospital-import-form";
import { Card, PageTitle } from "@/components/ui";
import { requirePageUser } from "@/lib/auth/guard";
import { formatDateTime } from "@/lib/labels";
import { countyOf } from "@/lib/registry/county-of";
import { HOSPITAL_EXPORT_COLUMNS } from "@/lib/visits/hospital-export";
import { MAX_EXPORT_BYTES, MAX_EXPORT_ROWS } from "@/lib/visits/import-hospital-export";

export const metadata: Metadata = { title: "医院结算导入" };

export default async function HospitalImportPage() {
  await connection();
  const user = await requirePageUser({ permission: "visit.settle" });
  const recent = await (await getDb())
    .select()
    .from(visitImports)
    .where(eq(visitImports.regionCode, countyOf(user)))
    .orderBy(desc(visitImports.createdAt))
    .limit(10);
  return (
    <>
      <PageTitle subtitle={`导入定点医院的结算导出（每行一次就诊，最多 ${MAX_EXPORT_ROWS.toLocaleString("en-US")} 行），逐条按就诊日期的救助类别、参保档次和本年累计一站式结算。结算单号相同的记录只结算一次，重复导入不会重复结算。`}>
        医院结算导入
      </PageTitle>
      <Card title="上传文件">
        <HospitalImportForm maxBytes={MAX_EXPORT_BYTES} />
      </Card>
      <Card title="文件格式" className="mt-5">
        <p className="text-sm text-slate-700">
          表头（顺序不限，带*为必填）：
          {HOSPITAL_EXPORT_COLUMNS.map((c) => `${c.required ? "*" : ""}${c.header}`).join("、")}。就诊类型填“住院/门诊慢特病/普通门诊”，医院等级填“基层/一级/二级/三级”，就医地填“县域内/市内县外/省内市外/省外”，转诊情况填“无需转诊/按规定转诊/未按规定转诊”，特殊疾病填“是/否”。
        </p>
        <p className="mt-2 flex flex-wrap gap-4">
          <a href="/api/v1/visits/imports/template" download>
            下载导入模板（CSV）
          </a>
          <Link href="/county/visits/opening-balances">门户启用前的本年累计：期初累计导入</Link>
        </p>
      </Card>
      <Card title="最近的导入" className="mt-5">
        {recent.length === 0 ? (
          <p className="text-slate-600">还没有导入记录。</p>
        ) : (
          <table className="w-full text-sm" data-testid="recent-imports">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1.5">时间</th>
                <th>文件</th>
                <th className="text-right">行数</th>
                <th className="text-right">新结算</th>
                <th className="text-right">此前已结算</th>
                <th className="text-right">未结算</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="py-1.5">{formatDateTime(r.createdAt)}</td>
                  <td>{r.fileName}</td>
                  <td className="text-right">{r.rowCount}</td>
                  <td className="text-right">{r.settledCount}</td>
                  <td className="text-right">{r.existingCount}</td>
                  <td className="text-right">{r.refusedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
