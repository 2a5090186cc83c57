import Decimal from "decimal.js";
import { STATE_LABELS } from "@/lib/cases/labels";
import { formatDate } from "@/lib/labels";
import { monthLabel } from "@/lib/registry/months";
import { CATEGORY_LABELS, TIER_LABELS } from "@/lib/settlement/labels";
import type { DispatchReport } from "./dispatch-report";

/**
 * The dispatch report (调度报表) in the layout a county office sends upward: the same sections
 * and rows for the page, the print and the workbook, so they always show the same figures.
 * Pure: it only arranges what getDispatchReport computed.
 */

export type Figure =
  | { kind: "count"; value: number }
  | { kind: "money"; value: string }
  | { kind: "share"; value: string | null }
  | { kind: "days"; value: string | null };

export interface LayoutRow {
  key: string;
  label: string;
  figure: Figure;
  /** the target as a share ("0.70"), when the figure has one */
  target?: string;
  met?: boolean | null;
  indent?: boolean;
}

export interface CategoryShareRow {
  category: string;
  label: string;
  visits: number;
  totalCost: string;
  selfPayAfterInsurance: string;
  assistance: string;
  share: string | null;
  target?: string;
  met?: boolean | null;
}

export interface DispatchLayout {
  title: string;
  subtitle: string;
  sections: { key: string; title: string; rows: LayoutRow[] }[];
  categoryShares: CategoryShareRow[];
  /** where the per-category table goes among the sections (its title) */
  categorySharesTitle: string;
}

export const SECTION_TITLES = {
  enrolment: "一、参保与资助",
  visits: "二、就医与结算",
  tiers: "三、三重制度支付",
  alerts: "四、预警与依申请救助",
  shares: "五、分类别救助比例",
} as const;

/** 0.9523 → "95.23%"; null → "—" */
export function formatShare(share: string | null): string {
  return share === null ? "—" : `${new Decimal(share).times(100).toFixed(2)}%`;
}

/** "0.70" → "≥ 70%" */
export function formatTarget(target: string): string {
  return `≥ ${new Decimal(target).times(100).toFixed(0)}%`;
}

export const MET_LABELS = { true: "达标", false: "未达标", null: "无数据" } as const;
export function metLabel(met: boolean | null | undefined): string {
  return met === true ? MET_LABELS.true : met === false ? MET_LABELS.false : MET_LABELS.null;
}

export function dispatchLayout(report: DispatchReport): DispatchLayout {
  const count = (value: number): Figure => ({ kind: "count", value });
  const money = (value: string): Figure => ({ kind: "money", value });
  const v = report.visits;
  return {
    title: `${report.regionName}三重保障调度报表`,
    subtitle: `${monthLabel(report.month)}（统计截至 ${formatDate(`${report.asOf}T12:00:00+08:00`)}）`,
    categorySharesTitle: SECTION_TITLES.shares,
    sections: [
      {
        key: "enrolment",
        title: SECTION_TITLES.enrolment,
        rows: [
          { key: "persons", label: "困难群众登记人数（就高不重复）", figure: count(report.persons.total) },
          ...report.persons.byCategory.map((c) => ({ key: `persons-${c.category}`, label: `其中：${CATEGORY_LABELS[c.category]}`, figure: count(c.count), indent: true })),
          { key: "enrolled", label: "已参保人数", figure: count(report.enrolment.enrolled) },
          { key: "enrolmentRate", label: "参保率", figure: { kind: "share", value: report.enrolment.rate }, target: report.enrolment.target, met: report.enrolment.met },
          { key: "subsidyPersons", label: "资助参保人数（本年度已拨付）", figure: count(report.subsidy.persons) },
          { key: "subsidyAmount", label: "资助参保金额（本年度已拨付）", figure: money(report.subsidy.amount) },
        ],
      },
      {
        key: "visits",
        title: SECTION_TITLES.visits,
        rows: [
          { key: "visits", label: "就诊人次", figure: count(v.visits) },
          { key: "totalCost", label: "医疗总费用", figure: money(v.totalCost) },
          { key: "policyRangeCost", label: "政策范围内费用", figure: money(v.policyRangeCost) },
          { key: "outOfCatalogCost", label: "目录外费用", figure: money(v.outOfCatalogCost) },
          { key: "outOfCatalogShare", label: "目录外费用占比", figure: { kind: "share", value: report.outOfCatalogShare } },
          { key: "selfPayFirstCost", label: "先行自付费用", figure: money(v.selfPayFirstCost) },
          { key: "oneStopAssistance", label: "一站式结算救助金额", figure: money(report.oneStop.oneStopAssistance) },
          { key: "onApplicationAssistance", label: "依申请救助发放金额", figure: money(report.oneStop.onApplicationAssistance) },
          { key: "oneStopShare", label: "一站式结算占比（救助金额）", figure: { kind: "share", value: report.oneStop.share } },
        ],
      },
      {
        key: "tiers",
        title: SECTION_TITLES.tiers,
        rows: [
          { key: "basicInsurance", label: TIER_LABELS.basicInsurance, figure: money(v.basicInsurance) },
          { key: "criticalIllnessInsurance", label: TIER_LABELS.criticalIllnessInsurance, figure: money(v.criticalIllnessInsurance) },
          { key: "supplementaryInsurance", label: TIER_LABELS.supplementaryInsurance, figure: money(v.supplementaryInsurance) },
          { key: "medicalAssistance", label: TIER_LABELS.medicalAssistance, figure: money(v.medicalAssistance) },
          { key: "tiltedAssistance", label: TIER_LABELS.tiltedAssistance, figure: money(v.tiltedAssistance) },
          { key: "outOfPocket", label: TIER_LABELS.outOfPocket, figure: money(v.outOfPocket) },
        ],
      },
      {
        key: "alerts",
        title: SECTION_TITLES.alerts,
        rows: [
          { key: "alertsOpened", label: "本月新开高额费用预警", figure: count(report.alerts.opened) },
          { key: "alertsClosed", label: "本月关闭预警", figure: count(report.alerts.closed) },
          { key: "alertsOpenAtMonthEnd", label: "月末未关闭预警", figure: count(report.alerts.openAtMonthEnd) },
          ...report.cases.byState.map((c) => ({ key: `cases-${c.state}`, label: `依申请救助：${STATE_LABELS[c.state]}`, figure: count(c.count), indent: true })),
          { key: "casesDecided", label: "本月审结依申请救助", figure: count(report.cases.decided) },
          { key: "averageDaysToDecide", label: "平均办理天数（申请至审结）", figure: { kind: "days", value: report.cases.averageDaysToDecide } },
        ],
      },
    ],
    categoryShares: report.byCategory.map((c) => ({
      category: c.category,
      label: CATEGORY_LABELS[c.category],
      visits: c.visits,
      totalCost: c.totalCost,
      selfPayAfterInsurance: c.selfPayAfterInsurance,
      assistance: c.assistance,
      share: c.share,
      ...(c.target !== undefined ? { target: c.target, met: c.met ?? null } : {}),
    })),
  };
}
