import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { LoginForm } from "@/components/login-form";
import { Card } from "@/components/ui";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/labels";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo";
import { readEnv } from "@/lib/env";

export const metadata: Metadata = { title: "工作人员登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await connection();
  const user = await getSessionUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const { callbackUrl } = await searchParams;
  const env = readEnv();
  const demo = !env.DATABASE_URL && env.SEED_DEMO !== "0";

  return (
    <>
      <SiteHeader />
      <main className="mx-auto grid max-w-4xl gap-6 px-4 py-10 md:grid-cols-2">
        <Card title="工作人员登录">
          <p className="mb-4 text-slate-600">县医保局、各部门经办人员及督导人员使用本人账号登录。</p>
          <LoginForm callbackUrl={callbackUrl ?? null} />
        </Card>
        {demo ? (
          <Card title="演示账号（仅内置演示数据库）">
            <p className="mb-3 text-sm text-slate-600">
              以下账号只在未配置 DATABASE_URL 的内置演示数据库中存在，密码均为 <code className="font-mono">{DEMO_PASSWORD}</code>。
            </p>
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-1">用户名</th>
                  <th>角色</th>
                </tr>
              </thead>
              <tbody>
                {DEMO_USERS.map((u) => (
                  <tr key={u.username} className="border-t border-slate-100">
                    <td className="py-1 font-mono">{u.username}</td>
                    <td>
                      {ROLE_LABELS[u.role]} · {u.displayName}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        ) : null}
      </main>
    </>
  );
}
