import type { Metadata } from "next";
import { connection } from "next/server";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { regions } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/guard";
import { Card, PageTitle } from "@/components/ui";
import { PersonSearch } from "@/components/registry/person-search";
import { searchPersonsAction } from "./actions";

export const metadata: Metadata = { title: "人员查询" };

export default async function PersonsPage() {
  await connection();
  const user = await requirePageUser({ permission: "beneficiary.read" });
  const townships = await (await getDb())
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.parentCode, user.regionScope))
    .orderBy(asc(regions.code));
  return (
    <>
      <PageTitle subtitle="按身份证号（精确）、姓名（模糊）或乡镇查询本县登记人员。列表中的身份证号已隐藏部分数字。">人员查询</PageTitle>
      <Card>
        <PersonSearch action={searchPersonsAction} townships={townships} />
      </Card>
    </>
  );
}
