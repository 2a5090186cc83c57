"use client";

import { useActionState } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/action-result";
import { Button, inputClass, Notice } from "@/components/ui";

type Hit = { id: string; name: string; maskedIdNumber: string; township: string | null };
type SearchAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult<Hit[]>>;

export function PersonSearch({ action, townships }: { action: SearchAction; townships: Array<{ code: string; name: string }> }) {
  const [state, formAction, pending] = useActionState(action as (p: ActionResult<Hit[]> | null, f: FormData) => Promise<ActionResult<Hit[]>>, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 md:grid-cols-4" autoComplete="off">
        <label className="flex flex-col gap-1">
          <span className="font-medium">公民身份号码</span>
          <input name="idNumber" defaultValue={values.idNumber} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">姓名（可模糊）</span>
          <input name="name" defaultValue={values.name} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">乡镇（街道）</span>
          <select name="townshipCode" defaultValue={values.townshipCode ?? ""} className={inputClass}>
            <option value="">全部</option>
            {townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end">
          <Button type="submit" disabled={pending}>
            查询
          </Button>
        </div>
      </form>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? (
        <table className="w-full text-left" data-testid="person-results">
          <thead className="text-sm text-slate-500">
            <tr>
              <th className="py-1">姓名</th>
              <th>公民身份号码</th>
              <th>乡镇（街道）</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((p) => (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="py-1.5">
                  <Link href={`/county/persons/${p.id}`}>{p.name}</Link>
                </td>
                <td className="font-mono">{p.maskedIdNumber}</td>
                <td>{p.township}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state?.ok && state.data.length === 0 ? <p className="text-slate-500">没有找到符合条件的人员。</p> : null}
    </div>
  );
}
