import { CATEGORY_LABELS } from "@/lib/settlement";
import { CHANGE_TYPE_LABELS } from "@/lib/registry/department-categories";
import { maskIdNumber } from "@/lib/registry/id-number";
import { PREVIEW_LABELS, type PreviewLine } from "@/lib/registry/plan-list-changes";
import { ROW_OUTCOME_LABELS } from "@/lib/registry/labels";

type Row = { rowNumber: number; idNumber: string; name: string; category: keyof typeof CATEGORY_LABELS; changeType: keyof typeof CHANGE_TYPE_LABELS; outcome: keyof typeof ROW_OUTCOME_LABELS; note: string | null };

/** A submission's rows: the preview of a draft, or the outcome of each row after reconciliation. ID numbers masked. */
export function SubmissionRows({ rows, preview }: { rows: Row[]; preview: PreviewLine[] | null }) {
  const previewOf = new Map(preview?.map((p) => [p.rowNumber, p]));
  const shown = rows.slice(0, 1000);
  return (
    <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200">
      <table className="w-full min-w-[720px] text-left text-sm" data-testid="submission-rows">
        <thead className="sticky top-0 bg-slate-100">
          <tr>
            <th className="px-2 py-1">行</th>
            <th className="px-2">公民身份号码</th>
            <th className="px-2">姓名</th>
            <th className="px-2">类别</th>
            <th className="px-2">变动</th>
            <th className="px-2">{preview ? "与登记库相比" : "处理结果"}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const p = previewOf.get(r.rowNumber);
            return (
              <tr key={r.rowNumber} className="border-t border-slate-100" data-row={r.rowNumber}>
                <td className="px-2 py-1 font-mono">{r.rowNumber}</td>
                <td className="px-2 font-mono">{maskIdNumber(r.idNumber)}</td>
                <td className="px-2">{r.name}</td>
                <td className="px-2">{CATEGORY_LABELS[r.category]}</td>
                <td className="px-2">{CHANGE_TYPE_LABELS[r.changeType]}</td>
                <td className="px-2">
                  {p ? `${PREVIEW_LABELS[p.kind]}${p.changes.length ? `（${p.changes.join("、")}）` : ""}` : ROW_OUTCOME_LABELS[r.outcome]}
                  {r.note ? <span className="text-slate-500">：{r.note}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown.length ? <p className="p-2 text-sm text-slate-500">仅显示前 {shown.length} 行，共 {rows.length} 行。</p> : null}
    </div>
  );
}
