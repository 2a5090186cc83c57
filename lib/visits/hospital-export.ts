import type { TableRow, TableSpec } from "@/lib/registry/list-file";
import { parseListDate } from "@/lib/registry/validate-list";
import { HOSPITAL_LEVEL_LABELS, LOCATION_LABELS, REFERRAL_LABELS, VISIT_KIND_LABELS } from "@/lib/settlement";

/**
 * A hospital's settlement export (W5 bulk import): one row per visit. Values may be the
 * Chinese label or the code (住院 / inpatient, 二级 / 2 …); the 结算单号 makes a re-import harmless.
 */
export const HOSPITAL_EXPORT_COLUMNS = [
  { key: "externalVisitNumber", header: "结算单号", required: true, aliases: ["结算流水号", "就诊流水号", "结算编号"] },
  { key: "idNumber", header: "公民身份号码", required: true, aliases: ["身份证号码", "身份证号"] },
  { key: "name", header: "姓名", required: true, aliases: ["患者姓名"] },
  { key: "visitDate", header: "出院（就诊）日期", required: true, aliases: ["出院日期", "就诊日期", "结算日期"] },
  { key: "kind", header: "就诊类型", required: true, aliases: ["医疗类别"] },
  { key: "hospitalName", header: "医院名称", required: false, aliases: ["定点医疗机构", "医疗机构名称"] },
  { key: "hospitalLevel", header: "医院等级", required: true, aliases: ["医疗机构等级"] },
  { key: "location", header: "就医地", required: true, aliases: ["就医地点"] },
  { key: "referral", header: "转诊情况", required: true, aliases: ["转诊"] },
  { key: "specialDisease", header: "特殊疾病", required: false, aliases: ["是否特殊疾病"] },
  { key: "transferFromLevel", header: "转出医院等级", required: false, aliases: [] },
  { key: "totalCost", header: "医疗总费用", required: true, aliases: ["总费用"] },
  { key: "outOfCatalogCost", header: "目录外费用", required: false, aliases: ["全自费费用", "全自费"] },
  { key: "selfPayFirstCost", header: "先行自付", required: false, aliases: ["乙类先行自付", "先行自付费用"] },
] as const;

export type HospitalExportKey = (typeof HOSPITAL_EXPORT_COLUMNS)[number]["key"];

export const HOSPITAL_EXPORT_SPEC: TableSpec<HospitalExportKey> = {
  columns: HOSPITAL_EXPORT_COLUMNS,
  ignoredHeaders: ["序号", "备注"],
  idColumn: "idNumber",
  dateColumns: ["visitDate"],
};

export const HOSPITAL_EXPORT_HEADERS = Object.fromEntries(HOSPITAL_EXPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<HospitalExportKey, string>;

/** Form field names of the visit schema → the export's column (for row errors). */
export const VISIT_FIELD_TO_COLUMN: Record<string, HospitalExportKey> = {
  visitDate: "visitDate",
  kind: "kind",
  hospitalLevel: "hospitalLevel",
  location: "location",
  referral: "referral",
  transferFromLevel: "transferFromLevel",
  totalCost: "totalCost",
  outOfCatalogCost: "outOfCatalogCost",
  selfPayFirstCost: "selfPayFirstCost",
  externalVisitNumber: "externalVisitNumber",
  hospitalName: "hospitalName",
};

/** A label or a code → the code; unknown text passes through for the schema to refuse. */
function codeOf(labels: Record<string, string>, text: string): string {
  if (text in labels) return text;
  const hit = Object.entries(labels).find(([, label]) => label === text || label.split("/").includes(text));
  return hit ? hit[0] : text;
}

const LEVEL_TEXT: Record<string, string> = { 基层: "0", 未定级: "0", 一级: "1", 二级: "2", 三级: "3" };
const LEVEL_NAMES: Record<string, string> = { 0: "基层", 1: "一级", 2: "二级", 3: "三级" };

function levelOf(text: string): string {
  const t = text.replace(/(医院|甲等|乙等|丙等|甲|乙|丙)$/u, "");
  return LEVEL_TEXT[t] ?? codeOf(HOSPITAL_LEVEL_LABELS as Record<string, string>, text);
}

const YES = new Set(["是", "Y", "y", "1", "true", "TRUE", "是的"]);
const NO = new Set(["", "否", "N", "n", "0", "false", "FALSE"]);

export type ExportRowInput = Record<string, string | undefined>;

/**
 * One export row → the visit form's input (strings, as the clerk's form sends them), or
 * the column errors the row has before the schema sees it.
 */
export function exportRowToVisitInput(row: TableRow<HospitalExportKey>): { input: ExportRowInput } | { errors: Partial<Record<HospitalExportKey, string>> } {
  const c = row.cells;
  const errors: Partial<Record<HospitalExportKey, string>> = {};
  const date = parseListDate(c.visitDate);
  if (date === "invalid") errors.visitDate = "日期格式应为 2024-03-15 或 2024/3/15";
  else if (date === "nonexistent") errors.visitDate = "日期不存在";
  const kind = codeOf(VISIT_KIND_LABELS, c.kind);
  const hospitalLevel = levelOf(c.hospitalLevel);
  const transferFromLevel = c.transferFromLevel === "" ? "" : levelOf(c.transferFromLevel);
  const location = codeOf(LOCATION_LABELS, c.location);
  const referral = codeOf(REFERRAL_LABELS, c.referral);
  const choices: Array<[HospitalExportKey, string, Record<string, string>]> = [
    ["kind", kind, VISIT_KIND_LABELS],
    ["hospitalLevel", hospitalLevel, LEVEL_NAMES],
    ["transferFromLevel", transferFromLevel || "0", LEVEL_NAMES],
    ["location", location, LOCATION_LABELS],
    ["referral", referral, REFERRAL_LABELS],
  ];
  for (const [key, code, labels] of choices) {
    if (!(code in labels)) errors[key] = `无法识别“${c[key]}”，应填${Object.values(labels).join("、")}之一`;
  }
  if (!YES.has(c.specialDisease) && !NO.has(c.specialDisease)) errors.specialDisease = "应填“是”或“否”";
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      visitDate: date as string,
      kind,
      hospitalLevel,
      location,
      referral,
      specialDisease: YES.has(c.specialDisease) ? "on" : undefined,
      transferFromLevel,
      totalCost: c.totalCost.replace(/[,，]/g, ""),
      outOfCatalogCost: c.outOfCatalogCost.replace(/[,，]/g, ""),
      selfPayFirstCost: c.selfPayFirstCost.replace(/[,，]/g, ""),
      externalVisitNumber: c.externalVisitNumber,
      hospitalName: c.hospitalName,
    },
  };
}
