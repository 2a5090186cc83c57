import type { Metadata } from "next";
import { connection } from "next/server";
import { OpeningBalanceForm } from "@/components/visits/opening-balance-form";
import { Card, PageTitle } from "@/components/ui";
import { requirePageUser } from "@/lib/auth/guard";
import { OPENING_BALANCE_COLUMNS } from "@/lib/visits/import-opening-balances";

export const metadata: Metadata = { title: "期初累计导入" };

export default async function OpeningBalancesPage() {
  await connection();
  await requirePageUser({ permission: "visit.settle" });
  return (
    <>
      <PageTitle subtitle="门户启用前本年度已发生的基本医保、大病保险、医疗救助和倾斜救助累计，按人员年度导入一次，使年度限额从第一笔结算起就正确。须在该人员本年度首次结算前导入；导入写入审计日志。">
        期初累计导入
      </PageTitle>
      <Card title="上传文件">
        <OpeningBalanceForm />
      </Card>
      <Card title="文件格式" className="mt-5">
        <p className="text-sm text-slate-700">
          表头（带*为必填，金额到分）：{OPENING_BALANCE_COLUMNS.map((c) => `${c.required ? "*" : ""}${c.header}`).join("、")}。任何一行有错，整个文件都不导入。
        </p>
      </Card>
    </>
  );
}
