import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { ROLES } from "@/db/schema/enums";
import { requirePageUser } from "@/lib/auth/guard";
import { listUsers } from "@/lib/users/list-users";
import { LIST_DEPARTMENTS } from "@/lib/registry/department-categories";
import { DEPARTMENT_LABELS, ROLE_LABELS, formatDate } from "@/lib/labels";
import { Badge, Card, PageTitle } from "@/components/ui";
import { CreateUserForm } from "@/components/users/create-user-form";
import { ToggleActiveButton } from "@/components/users/toggle-active-button";
import { createUserAction, setUserActiveAction } from "./actions";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage() {
  await connection();
  const admin = await requirePageUser({ permission: "users.manage" });
  const rows = await listUsers(await getDb(), admin);

  return (
    <>
      <PageTitle subtitle="添加、停用本县的工作人员账号。停用后该账号立即不能再访问任何页面。">用户管理</PageTitle>
      <Card title={`本县用户（${rows.length}）`} className="mb-6 overflow-x-auto">
        <table className="w-full min-w-[640px] text-left" data-testid="users-table">
          <thead className="text-sm text-slate-500">
            <tr>
              <th className="py-2">用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>状态</th>
              <th>创建日期</th>
              <th className="sr-only">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-username={u.username}>
                <td className="py-2 font-mono">
                  <Link href={`/county/users/${u.id}`}>{u.username}</Link>
                </td>
                <td>{u.displayName}</td>
                <td>{u.departmentCode ? DEPARTMENT_LABELS[u.departmentCode] : ROLE_LABELS[u.role]}</td>
                <td>{u.active ? <Badge tone="green">启用</Badge> : <Badge tone="red">已停用</Badge>}</td>
                <td>{formatDate(u.createdAt)}</td>
                <td className="text-right">
                  {u.id === admin.id ? (
                    <span className="text-sm text-slate-400">（本人）</span>
                  ) : (
                    <ToggleActiveButton action={setUserActiveAction} userId={u.id} active={u.active} username={u.username} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="添加用户">
        <CreateUserForm
          action={createUserAction}
          roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          departments={LIST_DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
        />
      </Card>
    </>
  );
}
