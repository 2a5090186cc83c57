"use client";

import { useState } from "react";
import Link from "next/link";
import { Button, inputClass, Notice } from "@/components/ui";
import { EncodingSelect, postFile } from "@/components/upload-fields";

type RowOutcome =
  | { rowNumber: number; externalVisitNumber: string; outcome: "settled" | "existing"; settlementId: string }
  | { rowNumber: number; externalVisitNumber: string; outcome: "refused"; column: string; message: string };

type Outcome =
  | { kind: "refused"; code: string; message: string }
  | { kind: "imported"; rowCount: number; settledCount: number; existingCount: number; refusedCount: number; rows: RowOutcome[] };

const OUTCOME_LABELS = { settled: "已结算", existing: "此前已结算（未重复）", refused: "未结算" } as const;

/** W5 bulk import: the export goes as the raw body; each row comes back settled, already settled, or refused with its column. */
export function HospitalImportForm({ maxBytes }: { maxBytes: number }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setOutcome({ kind: "refused", code: "NO_FILE", message: "请选择医院结算导出文件" });
    if (file.size > maxBytes) return setOutcome({ kind: "refused", code: "FILE_TOO_LARGE", message: `文件超过 ${maxBytes / 1024 / 1024}MB 上限，请拆分后分批导入` });
    setPending(true);
    setOutcome(null);
    try {
      setOutcome(await postFile<Outcome>(`/api/v1/visits/imports?${new URLSearchParams({ encoding: String(form.get("encoding")) })}`, file));
    } finally {
      setPending(false);
    }
  }

  const rows = outcome?.kind === "imported" ? [...outcome.rows].sort((a, b) => Number(b.outcome === "refused") - Number(a.outcome === "refused") || a.rowNumber - b.rowNumber) : [];
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" data-testid="hospital-import-form">
        <label className="flex flex-col gap-1">
          <span className="font-medium">医院结算导出文件（CSV 或 .xlsx）</span>
          <input type="file" name="file" accept=".csv,.txt,.xlsx" className={inputClass} />
        </label>
        <EncodingSelect />
        <Button type="submit" disabled={pending}>
          {pending ? "正在逐条结算…" : "导入并结算"}
        </Button>
      </form>
      {outcome?.kind === "refused" ? <Notice tone="error">{outcome.message}</Notice> : null}
      {outcome?.kind === "imported" ? (
        <div className="space-y-3" data-testid="import-result">
          <Notice tone={outcome.refusedCount > 0 ? "info" : "success"}>
            共 {outcome.rowCount} 条：新结算 {outcome.settledCount} 条，此前已结算 {outcome.existingCount} 条，未结算 {outcome.refusedCount} 条。
            {outcome.refusedCount > 0 ? "请按下表修正后重新导入整个文件，已结算的记录不会重复结算。" : ""}
          </Notice>
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1.5">行号</th>
                <th>结算单号</th>
                <th>结果</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.rowNumber} className="border-t border-slate-100">
                  <td className="py-1.5">{r.rowNumber}</td>
                  <td className="font-mono">{r.externalVisitNumber}</td>
                  <td className={r.outcome === "refused" ? "text-red-700" : ""}>{OUTCOME_LABELS[r.outcome]}</td>
                  <td>
                    {r.outcome === "refused" ? (
                      `${r.column ? `“${r.column}”列：` : ""}${r.message}`
                    ) : (
                      <Link href={`/county/settlements/${r.settlementId}`}>查看结算单</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
