import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser } from "@/lib/auth/guard";
import { getScopeName, listCountiesInScope } from "@/lib/regions/get-region";
import { Card, PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "督导首页" };

export default async function SupervisorHomePage() {
  await connection();
  const user = await requirePageUser({ permission: "area.supervisor" });
  const db = await getDb();
  const [scopeName, counties] = await Promise.all([getScopeName(db, user.regionScope), listCountiesInScope(db, user.regionScope)]);

  return (
    <>
      <PageTitle subtitle="只读：台账、调度报表和各区县对比。">督导首页 · {scopeName}</PageTitle>
      <Card title={`督导范围内的区县（${counties.length}）`}>
        <ul className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="scope-counties">
          {counties.map((c) => (
            <li key={c.code}>
              {c.name} <span className="font-mono text-xs text-slate-400">{c.code}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
