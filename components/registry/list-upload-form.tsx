"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button, inputClass, Notice } from "@/components/ui";
import { EncodingSelect, postFile } from "@/components/upload-fields";
import { FILE_TOO_LARGE_MESSAGE, MAX_LIST_BYTES } from "@/lib/registry/limits";


type Outcome =
  | { kind: "refused"; code: string; message: string }
  | { kind: "invalid"; rowCount: number; validCount: number; errors: Array<{ rowNumber: number; column: string; message: string }> }
  | { kind: "existing"; submissionId: string; status: string }
  | { kind: "staged"; submissionId: string };

/** W1 upload: the file goes as the raw body; errors come back by row and column, in Chinese. */
export function ListUploadForm({ months, defaultMonth }: { months: string[]; defaultMonth: string }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ kind: "refused", code: "NO_FILE", message: "请选择要上传的名单文件" });
      return;
    }
    if (file.size > MAX_LIST_BYTES) {
      setOutcome({ kind: "refused", code: "FILE_TOO_LARGE", message: FILE_TOO_LARGE_MESSAGE });
      return;
    }
    setPending(true);
    setOutcome(null);
    try {
      const query = new URLSearchParams({
        month: String(form.get("month")),
        encoding: String(form.get("encoding")),
        drop: form.get("drop") ? "1" : "0",
      });
      const result = await postFile<Outcome>(`/api/v1/registry/lists?${query}`, file);
      if (result.kind === "staged" || result.kind === "existing") {
        router.push(`/department/lists/${result.submissionId}${result.kind === "existing" ? "?same=1" : ""}`);
        return;
      }
      setOutcome(result);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="list-upload-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="flex flex-col gap-1">
          <span className="font-medium">报送月份</span>
          <select name="month" defaultValue={defaultMonth} className={inputClass}>
            {months.map((m) => (
              <option key={m} value={m}>
                {m.replace("-", "年")}月
              </option>
            ))}
          </select>
        </label>
        <EncodingSelect />
        <label className="flex flex-col gap-1">
          <span className="font-medium">名单文件（CSV 或 XLSX）</span>
          <input name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={inputClass} />
        </label>
      </div>
      <label className="inline-flex items-center gap-2">
        <input type="checkbox" name="drop" className="h-5 w-5" />
        剔除有错误的行，只报送正确的行
      </label>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在校验…" : "上传并校验"}
        </Button>
      </div>

      {outcome?.kind === "refused" ? (
        <Notice tone="error" testId="upload-error">
          {outcome.message}
        </Notice>
      ) : null}
      {outcome?.kind === "invalid" ? (
        <div className="space-y-3">
          <Notice tone="error" testId="upload-error">
            共 {outcome.rowCount} 行，其中 {outcome.errors.length} 处错误，名单未保存。请修改后重新上传，或勾选“剔除有错误的行”。
          </Notice>
          <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
            <table className="w-full text-left text-sm" data-testid="row-errors">
              <thead className="sticky top-0 bg-slate-100">
                <tr>
                  <th className="px-2 py-1">行</th>
                  <th className="px-2">列</th>
                  <th className="px-2">问题</th>
                </tr>
              </thead>
              <tbody>
                {outcome.errors.slice(0, 500).map((e, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className="px-2 py-1 font-mono">{e.rowNumber}</td>
                    <td className="px-2">{e.column}</td>
                    <td className="px-2">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {outcome.errors.length > 500 ? <p className="text-sm text-slate-600">仅显示前 500 处错误。</p> : null}
        </div>
      ) : null}
    </form>
  );
}
