import { monthLabel } from "@/lib/registry/months";
import { inputClass } from "@/components/ui";

/** The month choice of a `method="get"` filter form: submits `month` as YYYY-MM, shows 2025年6月. */
export function MonthSelect({ label, month, months }: { label: string; month: string; months: readonly string[] }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">{label}</span>
      <select name="month" defaultValue={month} className={inputClass}>
        {months.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}
