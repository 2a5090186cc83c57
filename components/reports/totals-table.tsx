"use client";

/** One row of a totals table: its code, its label, its figures already formatted, and drill-down links. */
export interface TotalsRow {
  key: string;
  label: string;
  cells: string[];
  links?: { href: string; label: string }[];
}

/**
 * A table of totals (a month, a township or a county per row). A client component so that the
 * rows travel as strings, not as an element tree of hundreds of cells rendered into the RSC
 * payload: that tree was most of the dashboard's cost under load (docs/benchmarks.md). The
 * server still renders the HTML. `rowKey` names the attribute carrying each row's code.
 */
export function TotalsTable({ testId, columns, rows, rowKey = "data-key", linksHeading }: { testId: string; columns: string[]; rows: TotalsRow[]; rowKey?: "data-key" | "data-county"; linksHeading?: string }) {
  return (
    <table className="mt-2 w-full border-collapse text-sm" data-testid={testId}>
      <thead>
        <tr className="border-b border-slate-300 text-left text-slate-600">
          {columns.map((c, i) => (
            <th key={c} className={`py-1.5 font-medium ${i === 0 ? "" : "text-right"}`}>
              {c}
            </th>
          ))}
          {linksHeading ? <th className="py-1.5 pl-4 font-medium">{linksHeading}</th> : null}
        </tr>
      </thead>
      <tbody className="[&_td]:whitespace-nowrap [&_td]:text-right [&_td]:font-mono">
        {rows.map((r) => (
          <tr key={r.key} {...{ [rowKey]: r.key }} className="border-b border-slate-100">
            <th scope="row" className="py-1.5 text-left font-normal">
              {r.label}
            </th>
            {r.cells.map((cell, i) => (
              <td key={i} data-field={i === 1 ? "totalCost" : undefined}>
                {cell}
              </td>
            ))}
            {r.links ? (
              <td className="pl-4 text-left! font-sans!">
                {r.links.map((l, i) => (
                  <a key={l.href} href={l.href} className={i > 0 ? "ml-3" : undefined}>
                    {l.label}
                  </a>
                ))}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
