import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { regions } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/guard";
import { hasPermission } from "@/lib/auth/permissions";
import { getScopeName } from "@/lib/regions/get-region";
import { Card, PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "县医保局工作台" };

export default async function CountyHomePage() {
  await connection();
  const user = await requirePageUser({ permission: "area.county" });
  const db = await getDb();
  const countyName = await getScopeName(db, user.regionScope);
  const townships = await db.select().from(regions).where(eq(regions.parentCode, user.regionScope)).orderBy(asc(regions.code));

  return (
    <>
      <PageTitle subtitle="汇总比对名单、一站式结算、依申请救助与高额费用预警都从这里进入。">{countyName} 医疗保障局</PageTitle>
      <div className="grid gap-5 md:grid-cols-2">
        <Card title="本县经办">
          <p className="text-slate-700">您可以查询本县困难群众、结算就诊费用、办理依申请救助。所有操作都会写入审计日志。</p>
          <ul className="mt-3 list-disc pl-5">
            <li>
              <Link href="/county/registry">各部门月度名单汇总比对</Link>
            </li>
            <li>
              <Link href="/county/persons">查询登记人员</Link>
            </li>
          </ul>
          {hasPermission(user.role, "users.manage") ? (
            <ul className="mt-1 list-disc pl-5">
              <li>
                <Link href="/county/users">管理本县用户</Link>
              </li>
              <li>
                <Link href="/county/audit">查看审计日志</Link>
              </li>
            </ul>
          ) : null}
        </Card>
        <Card title={`辖区乡镇（街道）${townships.length} 个`}>
          <ul className="grid grid-cols-3 gap-x-3 gap-y-1 text-sm" data-testid="township-list">
            {townships.map((t) => (
              <li key={t.code}>{t.name}</li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
