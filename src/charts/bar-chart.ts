import { BORDER_COLOUR, colourOf, TEXT_COLOUR } from './palette.ts';
import { AXIS_LABEL, bottomLegend, chartNumber, checkChart, heightWithLegend, renderChart, type ChartSeries, type ChartText } from './svg.ts';

export interface BarChartInput extends ChartText {
  /** A group of bars each: the axis labels. */
  categories: readonly string[];
  /** One bar in each group, a value (or null: no bar) for every category. */
  series: readonly ChartSeries[];
  /** The value axis' ends (from the data when not given). */
  yMin?: number;
  yMax?: number;
  /** Bars across, the categories down the side: better for long category names (such as areas). */
  horizontal?: boolean;
}

const WIDTH = 640;
const BAR = 18;

/**
 * A grouped bar chart drawn on the server as an accessible SVG string (see renderChart): a bar
 * per series in each category's group, each labelled with its value, and the legend underneath.
 */
export function barChartSvg(input: BarChartInput): string {
  checkChart(input, input.categories, input.series);
  const groups = Math.max(input.categories.length, 1);
  const groupSize = Math.max(input.series.length, 1) * (BAR + 4) + 16;
  const plot = input.horizontal ? { top: 8, left: 200, right: 40, height: groups * groupSize } : { top: 24, left: 44, right: 16, height: 240 };
  const valueLabels = input.horizontal ? 36 : Math.ceil(Math.max(0, ...input.categories.map((c) => c.length)) / 12) * 18 + 16;
  const legendTop = plot.top + plot.height + valueLabels;
  const height = heightWithLegend(legendTop, input.series, WIDTH);
  const valueAxis = {
    type: 'value' as const,
    ...(input.yMin === undefined ? {} : { min: input.yMin }),
    ...(input.yMax === undefined ? {} : { max: input.yMax }),
    axisLabel: AXIS_LABEL,
    splitLine: { lineStyle: { color: BORDER_COLOUR, type: 'dashed' as const } },
  };
  const slot = (input.horizontal ? plot.left : (WIDTH - plot.left - plot.right) / groups) - 8;
  const categoryAxis = {
    type: 'category' as const,
    data: [...input.categories],
    inverse: input.horizontal === true,
    axisLabel: { ...AXIS_LABEL, color: TEXT_COLOUR, interval: 0, width: slot, overflow: 'break' as const },
    axisLine: { lineStyle: { color: BORDER_COLOUR } },
  };
  return renderChart(
    input,
    { width: WIDTH, height },
    {
      grid: { top: plot.top, left: plot.left, right: plot.right, height: plot.height },
      legend: bottomLegend(legendTop, WIDTH),
      xAxis: input.horizontal ? valueAxis : categoryAxis,
      yAxis: input.horizontal ? categoryAxis : valueAxis,
      series: input.series.map((one, index) => ({
        type: 'bar' as const,
        name: one.name,
        data: [...one.values],
        color: colourOf(index),
        barMaxWidth: BAR * 2,
        label: {
          show: true,
          position: input.horizontal ? ('right' as const) : ('top' as const),
          fontSize: 12,
          color: TEXT_COLOUR,
          formatter: (param: { value: unknown }) => (typeof param.value === 'number' ? chartNumber(param.value) : ''),
        },
      })),
    },
  );
}
