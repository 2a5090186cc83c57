import type { EstimateForm as Form } from "@/lib/estimate/estimate-query";
import { UNKNOWN } from "@/lib/estimate/estimate-query";
import type { CategoryCode } from "@/lib/policy";
import { YEAR_TO_DATE_FIELDS } from "@/lib/settlement";
import { CATEGORY_LABELS, HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, REFERRAL_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";
import { Button, inputClass } from "@/components/ui";

const YTD_LABELS: Record<(typeof YEAR_TO_DATE_FIELDS)[number], string> = {
  basicPaid: "基本医保已支付",
  criticalBase: "大病保险累计计算基数",
  criticalPaid: "大病保险已支付",
  supplementaryPaid: "补充医疗保险已支付",
  assistancePaid: "医疗救助已支付",
  assistanceOtherDiseasePaid: "其中：非特殊疾病住院救助",
  tiltedPaid: "倾斜救助已支付",
  assistanceDeductibleMet: "救助起付线已累计",
};

type Option = { value: string; label: string };

function Select({ name, label, value, options, error }: { name: string; label: string; value: string; options: Option[]; error?: string }) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value} className={`${inputClass} w-full min-w-0`} aria-invalid={!!error}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <span className="text-sm text-red-700" data-testid={`error-${name}`}>{error}</span> : null}
    </label>
  );
}

function Money({ name, label, value, error, hint, required }: { name: string; label: string; value: string; error?: string; hint?: string; required?: boolean }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">{label}</span>
      <span className="flex items-center gap-1">
        <input name={name} defaultValue={value} inputMode="decimal" required={required} placeholder="0.00" className={`${inputClass} w-full`} aria-invalid={!!error} />
        <span className="text-slate-500">元</span>
      </span>
      {hint ? <span className="text-sm text-slate-500">{hint}</span> : null}
      {error ? <span className="text-sm text-red-700" data-testid={`error-${name}`}>{error}</span> : null}
    </label>
  );
}

/** A plain GET form: the inputs become the URL, so a result can be shared and works without JavaScript. */
export function EstimateForm({
  form,
  tab,
  policies,
  regions,
  categories,
  errors,
}: {
  form: Form;
  tab: "visit" | "subsidy";
  policies: Option[];
  regions: Option[];
  categories: CategoryCode[];
  errors: Record<string, string>;
}) {
  return (
    <form method="get" action="/estimate" className="space-y-4" data-testid="estimate-form">
      {tab === "subsidy" ? <input type="hidden" name="tab" value="subsidy" /> : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">政策与身份</legend>
        <Select name="policy" label="适用政策" value={form.policy} options={[{ value: "auto", label: "按参保地区自动选择" }, ...policies]} error={errors.policy} />
        <Select name="region" label="参保地区（自动选择时）" value={form.region} options={regions} error={errors.region} />
        <label className="flex flex-col gap-1">
          <span className="font-medium">{tab === "subsidy" ? "资助日期" : "出院（就诊）日期"}</span>
          <input type="date" name="date" defaultValue={form.date} className={inputClass} aria-invalid={!!errors.date} />
          {errors.date ? <span className="text-sm text-red-700" data-testid="error-date">{errors.date}</span> : null}
        </label>
        <Select name="tier" label="参保档次" value={form.tier} options={[{ value: "1", label: "一档" }, { value: "2", label: "二档" }]} />
        <div className="sm:col-span-2">
          <span className="font-medium">救助身份（可多选，按就高不重复计算）</span>
          <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
            {categories.map((c) => (
              <label key={c} className="inline-flex min-h-9 items-center gap-2">
                <input type="checkbox" name="cat" value={c} defaultChecked={form.categories.includes(c)} className="h-5 w-5" />
                {CATEGORY_LABELS[c]}
              </label>
            ))}
            <label className="inline-flex min-h-9 items-center gap-2">
              <input type="checkbox" name="cat" value={UNKNOWN} defaultChecked={form.categoryUnknown} className="h-5 w-5" />
              尚未认定 / 不清楚（比较各种情况）
            </label>
          </div>
          {errors.cat ? <span className="text-sm text-red-700">{errors.cat}</span> : null}
        </div>
      </fieldset>

      {tab === "visit" ? (
        <>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-lg font-semibold">就诊情况</legend>
            <Select name="kind" label="就诊类型" value={form.kind} options={Object.entries(VISIT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            <Select name="level" label="医院等级" value={form.level} options={Object.entries(HOSPITAL_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
            <Select name="loc" label="就医地点" value={form.location} options={Object.entries(LOCATION_LABELS).map(([value, label]) => ({ value, label }))} />
            <Select
              name="ref"
              label="转诊情况"
              value={form.referral}
              options={[...Object.entries(REFERRAL_LABELS).map(([value, label]) => ({ value, label })), { value: UNKNOWN, label: "不清楚（比较两种情况）" }]}
              error={errors.ref}
            />
            <Select
              name="from"
              label="从哪一级医院转来（省内转诊时）"
              value={form.transferFromLevel}
              options={[{ value: "", label: "不是转诊" }, ...Object.entries(HOSPITAL_LEVEL_LABELS).map(([value, label]) => ({ value, label: `${label}医院` }))]}
              error={errors.from}
            />
            <label className="inline-flex min-h-11 items-center gap-2 self-end">
              <input type="checkbox" name="sd" value="1" defaultChecked={form.specialDisease} className="h-5 w-5" />
              属于特殊疾病（门诊慢特病、重特大疾病）
            </label>
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <legend className="mb-2 text-lg font-semibold">费用（元）</legend>
            <Money name="total" label="医疗总费用" value={form.totalCost} error={errors.total} required />
            <Money name="ooc" label="目录外费用" value={form.outOfCatalogCost} error={errors.ooc} hint="全自费部分，不填为 0" />
            <Money name="spf" label="先行自付" value={form.selfPayFirstCost} error={errors.spf} hint="乙类先行自付，不填为 0" />
          </fieldset>
          <details className="rounded-md border border-slate-200 bg-white p-3" open={Object.keys(form.yearToDate).length > 0}>
            <summary className="cursor-pointer font-medium">今年已报销的金额（选填，影响起付线和年度限额）</summary>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              {YEAR_TO_DATE_FIELDS.map((field) => (
                <Money key={field} name={`ytd.${field}`} label={YTD_LABELS[field]} value={form.yearToDate[field] ?? ""} error={errors[`ytd.${field}`]} />
              ))}
            </div>
          </details>
        </>
      ) : null}

      <Button type="submit" className="w-full sm:w-auto">
        {tab === "visit" ? "计算个人自付" : "计算资助金额"}
      </Button>
    </form>
  );
}
