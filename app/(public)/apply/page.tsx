import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { listServedCounties } from "@/lib/cases";
import { shanghaiDate } from "@/lib/registry/deadline";
import { Card, PageTitle } from "@/components/ui";
import { ApplicationForm } from "@/components/cases/application-form";
import { submitPublicApplicationAction } from "./actions";

export const metadata: Metadata = { title: "申请医疗救助" };

/** W6 on the public site (P-APP-1, P-APP-3: a simple, quick application). No sign-in. */
export default async function ApplyPage() {
  await connection();
  const counties = await listServedCounties(await getDb());
  return (
    <div className="mx-auto max-w-3xl space-y-6 text-base">
      <PageTitle subtitle="看病花费大、经医保报销后个人负担仍然很重，家庭生活困难的，可以申请医疗救助（依申请救助）。">申请医疗救助</PageTitle>
      <Card title="需要准备">
        <ul className="list-disc space-y-1 pl-6">
          <li>申请人的身份证号码和联系电话；</li>
          <li>已经医保结算的医疗费用结算单（每张单据上的总费用、医保支付、个人自付金额）；</li>
          <li>家庭人口和收入情况。</li>
        </ul>
        <p className="mt-3 text-slate-600">提交后请保存申请编号，用它和身份证号码后4位查询进度。您填写的信息只用于办理本次救助申请。</p>
      </Card>
      <Card>
        <ApplicationForm action={submitPublicApplicationAction} counties={counties} today={shanghaiDate(new Date())} mode="public" />
      </Card>
    </div>
  );
}
