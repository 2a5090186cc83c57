import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { getScopeName } from "@/lib/regions/get-region";
import { DEPARTMENT_LABELS } from "@/lib/labels";
import { CATEGORY_FULL_LABELS, DEPARTMENT_CATEGORY_CODES } from "@/lib/registry/department-categories";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "部门工作台" };

export default async function DepartmentHomePage() {
  await connection();
  const user = await requirePageUser({ permission: "area.department" });
  const countyName = await getScopeName(await getDb(), user.regionScope);
  const department = user.departmentCode ? DEPARTMENT_LABELS[user.departmentCode] : "";
  const categories = user.departmentCode ? DEPARTMENT_CATEGORY_CODES[user.departmentCode].map((c) => CATEGORY_FULL_LABELS[c]) : [];

  return (
    <>
      <PageTitle subtitle={`${countyName} · ${department}`}>部门工作台</PageTitle>
      <Card title="本部门每月报送的人员类别">
        <ul className="list-disc pl-5" data-testid="department-categories">
          {categories.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p className="mt-3 text-slate-600">
          每月 5 日前（遇节假日顺延至下一个工作日）向县医保局报送新增、减少和在册人员名单（彭水府办发〔2023〕52号 二(四)2）。
          您只能看到本部门报送的名单及其处理结果。
        </p>
        <p className="mt-3">
          <Link href="/department/lists">上传本月名单、查看报送记录 →</Link>
        </p>
      </Card>
    </>
  );
}
