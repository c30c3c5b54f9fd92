import { BORDER_COLOUR, colourOf, symbolOf } from './palette.ts';
import { AXIS_LABEL, bottomLegend, checkChart, heightWithLegend, renderChart, type ChartSeries, type ChartText } from './svg.ts';

export interface LineChartInput extends ChartText {
  /** The x-axis labels, in order (dates, say). */
  categories: readonly string[];
  /** One line each, a value (or null) for every category. */
  series: readonly ChartSeries[];
  yMin: number;
  yMax: number;
}

const WIDTH = 640;
const PLOT = { top: 16, height: 280, left: 44, right: 24 };
/** Room under the plot for the x-axis labels (two lines). */
const X_LABELS = 56;

/**
 * A line chart drawn on the server as an accessible SVG string (see renderChart): a line per
 * series, each with its own colour and marker, every value marked (so a single reading shows),
 * the y axis from yMin to yMax, and the legend underneath.
 */
export function lineChartSvg(input: LineChartInput): string {
  checkChart(input, input.categories, input.series);
  const legendTop = PLOT.top + PLOT.height + X_LABELS;
  const height = heightWithLegend(legendTop, input.series, WIDTH);
  // Every label shown, wrapped to its slot, while there is room for one; otherwise ECharts leaves some out.
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(input.categories.length, 1) - 8;
  const wholeSteps = Number.isInteger(input.yMin) && Number.isInteger(input.yMax) && input.yMax - input.yMin <= 12;
  return renderChart(
    input,
    { width: WIDTH, height },
    {
      grid: { top: PLOT.top, left: PLOT.left, right: PLOT.right, height: PLOT.height },
      legend: bottomLegend(legendTop, WIDTH),
      xAxis: {
        type: 'category',
        data: [...input.categories],
        axisLabel: slot >= 56 ? { ...AXIS_LABEL, interval: 0, width: slot, overflow: 'break' as const } : AXIS_LABEL,
        axisLine: { lineStyle: { color: BORDER_COLOUR } },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        min: input.yMin,
        max: input.yMax,
        ...(wholeSteps ? { interval: 1 } : {}),
        axisLabel: AXIS_LABEL,
        splitLine: { lineStyle: { color: BORDER_COLOUR, type: 'dashed' } },
      },
      series: input.series.map((one, index) => ({
        type: 'line' as const,
        name: one.name,
        data: [...one.values],
        color: colourOf(index),
        symbol: symbolOf(index),
        symbolSize: 9,
        showSymbol: true,
        showAllSymbol: true,
        connectNulls: true,
        lineStyle: { width: 2, type: index % 2 === 0 ? ('solid' as const) : ('dashed' as const) },
      })),
    },
  );
}
