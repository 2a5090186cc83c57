import type { Amounts } from "@/lib/settlement";
import { formatYuan } from "@/lib/money";

const ROWS: Array<[keyof Amounts, string]> = [
  ["totalCost", "医疗总费用"],
  ["outOfCatalogCost", "其中：目录外费用（全自费）"],
  ["selfPayFirstCost", "其中：先行自付"],
  ["policyRangeCost", "政策范围内费用"],
  ["basicInsurance", "基本医保支付"],
  ["criticalIllnessInsurance", "大病保险支付"],
  ["supplementaryInsurance", "补充医疗保险支付"],
  ["medicalAssistance", "医疗救助"],
  ["tiltedAssistance", "倾斜救助"],
  ["outOfPocket", "个人自付合计"],
];

export function AmountsTable({ amounts }: { amounts: Amounts }) {
  return (
    <table className="w-full text-left" data-testid="amounts">
      <tbody>
        {ROWS.map(([key, label]) => (
          <tr key={key} className={`border-t border-slate-100 ${key === "outOfPocket" ? "text-lg font-bold" : ""}`} data-amount={key}>
            <th scope="row" className="py-1.5 font-normal text-slate-700">
              {label}
            </th>
            <td className="text-right font-mono tabular-nums">{formatYuan(amounts[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
