"use client";

import { useState } from "react";
import { Button, inputClass, Notice } from "@/components/ui";
import { EncodingSelect, postFile } from "@/components/upload-fields";

type Outcome =
  | { kind: "refused"; message: string }
  | { kind: "invalid"; rowCount: number; errors: Array<{ rowNumber: number; column: string; message: string }> }
  | { kind: "imported"; imported: number; unchanged: number };

/** W5 opening balances: all rows or none; errors by row and column. */
export function OpeningBalanceForm() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setOutcome({ kind: "refused", message: "请选择期初累计文件" });
    setPending(true);
    setOutcome(null);
    try {
      setOutcome(
        await postFile<Outcome>(`/api/v1/visits/opening-balances?${new URLSearchParams({ encoding: String(form.get("encoding")) })}`, file, {
          "x-source": encodeURIComponent(String(form.get("source") ?? "")),
        }),
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" data-testid="opening-balance-form">
        <label className="flex flex-col gap-1">
          <span className="font-medium">期初累计文件（CSV 或 .xlsx）</span>
          <input type="file" name="file" accept=".csv,.txt,.xlsx" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">数据来源</span>
          <input name="source" className={`${inputClass} w-64`} placeholder="例如：原医保结算系统 2024年1–5月" />
        </label>
        <EncodingSelect />
        <Button type="submit" disabled={pending}>
          {pending ? "导入中…" : "导入期初累计"}
        </Button>
      </form>
      {outcome?.kind === "refused" ? <Notice tone="error">{outcome.message}</Notice> : null}
      {outcome?.kind === "imported" ? (
        <Notice tone="success">
          已导入 {outcome.imported} 个人员年度的期初累计{outcome.unchanged > 0 ? `，${outcome.unchanged} 个此前已导入且金额相同（未改动）` : ""}。
        </Notice>
      ) : null}
      {outcome?.kind === "invalid" ? (
        <div data-testid="opening-balance-errors">
          <Notice tone="error">文件共 {outcome.rowCount} 行，有 {outcome.errors.length} 处错误，整个文件未导入。请修正后重新上传。</Notice>
          <table className="mt-3 w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1.5">行号</th>
                <th>列</th>
                <th>问题</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="py-1.5">{e.rowNumber}</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
