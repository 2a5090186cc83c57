"use client";

export function PrintButton({ label = "打印结算单" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="no-print min-h-11 rounded-md border border-slate-300 bg-white px-4 hover:bg-slate-100">
      {label}
    </button>
  );
}
