import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getUser } from "@/lib/users/get-user";
import { userIdSchema } from "@/lib/users/schemas";
import { getScopeName } from "@/lib/regions/get-region";
import { DEPARTMENT_LABELS, ROLE_LABELS, formatDateTime } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { ResetPasswordForm } from "@/components/users/reset-password-form";
import { ToggleActiveButton } from "@/components/users/toggle-active-button";
import { resetPasswordAction, setUserActiveAction } from "../actions";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const admin = await requirePageUser({ permission: "users.manage" });
  const { id } = await params;
  if (!userIdSchema.safeParse(id).success) notFound();
  const db = await getDb();
  // Another county's user answers exactly like a missing one (style.md §3).
  const user = await requireRecord(getUser(db, admin, id));
  const scopeName = await getScopeName(db, user.regionScope);

  return (
    <>
      <p className="mb-2">
        <Link href="/county/users">← 返回用户列表</Link>
      </p>
      <PageTitle>{user.displayName}</PageTitle>
      <Card className="mb-6">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2">
          <dt className="text-slate-500">用户名</dt>
          <dd className="font-mono">{user.username}</dd>
          <dt className="text-slate-500">角色</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          {user.departmentCode ? (
            <>
              <dt className="text-slate-500">部门</dt>
              <dd>{DEPARTMENT_LABELS[user.departmentCode]}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">范围</dt>
          <dd>{scopeName}</dd>
          <dt className="text-slate-500">状态</dt>
          <dd>{user.active ? <Badge tone="green">启用</Badge> : <Badge tone="red">已停用</Badge>}</dd>
          <dt className="text-slate-500">更新时间</dt>
          <dd>{formatDateTime(user.updatedAt)}</dd>
        </dl>
        {user.id !== admin.id ? (
          <div className="mt-4">
            <ToggleActiveButton action={setUserActiveAction} userId={user.id} active={user.active} username={user.username} />
          </div>
        ) : null}
      </Card>
      <Card title="重设密码">
        <ResetPasswordForm action={resetPasswordAction} userId={user.id} />
      </Card>
    </>
  );
}
