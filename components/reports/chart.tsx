"use client";

import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

// Only what the dashboard draws (bars, lines, a donut) and the SVG renderer: a small bundle.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** A serialisable chart description (values are the server's exact decimal strings; numbers only for drawing). */
export interface ChartSpec {
  kind: "stacked" | "bar" | "pie";
  categories: string[];
  series: { name: string; values: string[] }[];
  /** a share (0.7 = 70%) drawn as a line on a right-hand axis */
  line?: { name: string; values: (string | null)[] };
  horizontal?: boolean;
  unit: "元" | "人次";
  height?: number;
}

const PALETTE = ["#174c94", "#0f766e", "#7c3aed", "#c2410c", "#b45309", "#64748b", "#be123c", "#15803d"];
const money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat("zh-CN");

function format(unit: ChartSpec["unit"], value: unknown): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return "—";
  return unit === "元" ? `¥${money.format(n)}` : `${plain.format(n)} 人次`;
}

function optionFor(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    color: PALETTE,
    aria: { enabled: true },
    animation: false,
    textStyle: { fontFamily: "PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif" },
  };
  if (spec.kind === "pie") {
    return {
      ...base,
      tooltip: { trigger: "item", valueFormatter: (v: unknown) => format(spec.unit, v) },
      legend: { bottom: 0, type: "scroll" },
      series: [
        {
          type: "pie",
          radius: ["40%", "70%"],
          center: ["50%", "45%"],
          label: { formatter: "{b}\n{d}%" },
          // Slices of 0 would only stack unreadable labels; the table beside lists them.
          data: spec.categories.map((name, i) => ({ name, value: Number(spec.series[0]?.values[i] ?? 0) })).filter((d) => d.value !== 0),
        },
      ],
    };
  }
  const categoryAxis = { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.horizontal ? 0 : spec.categories.length > 8 ? 30 : 0 } };
  const valueAxis = { type: "value", axisLabel: { formatter: (v: number) => (spec.unit === "元" ? (Math.abs(v) >= 10000 ? `${v / 10000}万` : String(v)) : String(v)) } };
  const shareAxis = { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } };
  return {
    ...base,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, type: "scroll" },
    grid: { left: spec.horizontal ? 150 : 70, right: spec.line ? 60 : 30, top: 40, bottom: spec.horizontal ? 30 : 60 },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? { ...categoryAxis, inverse: true } : spec.line ? [valueAxis, shareAxis] : valueAxis,
    series: [
      ...spec.series.map((s) => ({
        type: "bar",
        name: s.name,
        stack: spec.kind === "stacked" ? "total" : undefined,
        data: s.values.map(Number),
        tooltip: { valueFormatter: (v: unknown) => format(spec.unit, v) },
      })),
      ...(spec.line
        ? [
            {
              type: "line",
              name: spec.line.name,
              yAxisIndex: 1,
              data: spec.line.values.map((v) => (v === null ? null : Number(v))),
              tooltip: { valueFormatter: (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(2)}%` : "—") },
            },
          ]
        : []),
    ],
  };
}

/** An ECharts chart (SVG) with a caption; the page puts the same figures in a table or workbook beside it. */
export function Chart({ spec, caption, testId }: { spec: ChartSpec; caption: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: "svg", locale: "ZH" });
    chart.setOption(optionFor(spec));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [spec]);
  return (
    <figure className="m-0" data-testid={testId}>
      <div ref={ref} role="img" aria-label={caption} style={{ width: "100%", height: spec.height ?? 320 }} />
      <figcaption className="mt-1 text-sm text-slate-600">{caption}</figcaption>
    </figure>
  );
}
