"use client";

import { numberCellsClass } from "@/components/ui";

/** A column after the first: its heading, the `data-field` its cells carry, a tooltip. */
export interface TotalsColumn {
  label: string;
  field?: string;
  title?: string;
}

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
 * server still renders the HTML. `first` heads the row labels; `rowKey` names the attribute
 * carrying each row's code; each row has one cell per column.
 */
export function TotalsTable({
  testId,
  first,
  columns,
  rows,
  rowKey = "data-key",
  linksHeading,
}: {
  testId: string;
  first: string;
  columns: readonly TotalsColumn[];
  rows: TotalsRow[];
  rowKey?: "data-key" | "data-county";
  linksHeading?: string;
}) {
  return (
    <table className="mt-2 w-full border-collapse text-sm" data-testid={testId}>
      <thead>
        <tr className="border-b border-slate-300 text-left text-slate-600">
          <th className="py-1.5 font-medium">{first}</th>
          {columns.map((c) => (
            <th key={c.label} className="py-1.5 text-right font-medium" title={c.title}>
              {c.label}
            </th>
          ))}
          {linksHeading ? <th className="py-1.5 pl-4 font-medium">{linksHeading}</th> : null}
        </tr>
      </thead>
      <tbody className={numberCellsClass}>
        {rows.map((r) => (
          <tr key={r.key} {...{ [rowKey]: r.key }} className="border-b border-slate-100">
            <th scope="row" className="py-1.5 text-left font-normal">
              {r.label}
            </th>
            {r.cells.map((cell, i) => (
              <td key={i} data-field={columns[i]?.field}>
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
