import { BORDER_COLOUR, colourOf } from './palette.ts';
import { AXIS_LABEL, bottomLegend, checkChart, heightWithLegend, renderChart, type ChartText } from './svg.ts';

/** A step line through points on a numeric x axis: the value holds from each point until the next. */
export interface StepSeries {
  name: string;
  points: readonly (readonly [number, number])[];
  /** Its interval, drawn as thin dotted steps in the line's colour (not in the legend). */
  band?: { lower: readonly (readonly [number, number | null])[]; upper: readonly (readonly [number, number | null])[] };
}

export interface StepChartInput extends ChartText {
  series: readonly StepSeries[];
  xName: string;
  xMax: number;
  yName: string;
  yMin: number;
  yMax: number;
}

const WIDTH = 640;
const PLOT = { top: 32, height: 280, left: 52, right: 24 };
const X_LABELS = 48;

/**
 * A step chart drawn on the server as an accessible SVG string (see renderChart), for survival
 * curves: each series a step line in its own colour and dash, with its interval as dotted steps.
 */
export function stepChartSvg(input: StepChartInput): string {
  checkChart(input, [], []);
  const legendTop = PLOT.top + PLOT.height + X_LABELS;
  const named = input.series.map((one) => ({ name: one.name, values: [] }));
  const height = heightWithLegend(legendTop, named, WIDTH);
  const lines = input.series.flatMap((one, index) => {
    const main = {
      type: 'line' as const,
      name: one.name,
      step: 'end' as const,
      data: one.points.map((point) => [...point]),
      color: colourOf(index),
      showSymbol: false,
      lineStyle: { width: 3, type: index % 2 === 0 ? ('solid' as const) : ('dashed' as const) },
    };
    const band = one.band
      ? [one.band.lower, one.band.upper].map((edge) => ({
          type: 'line' as const,
          name: `${one.name} (95% interval)`,
          step: 'end' as const,
          data: edge.map((point) => [...point]),
          color: colourOf(index),
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 1, type: 'dotted' as const },
        }))
      : [];
    return [main, ...band];
  });
  return renderChart(
    input,
    { width: WIDTH, height },
    {
      grid: { top: PLOT.top, left: PLOT.left, right: PLOT.right, height: PLOT.height },
      legend: { ...bottomLegend(legendTop, WIDTH), data: input.series.map((one) => one.name) },
      xAxis: {
        type: 'value',
        min: 0,
        max: input.xMax,
        name: input.xName,
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: AXIS_LABEL,
        axisLine: { lineStyle: { color: BORDER_COLOUR } },
      },
      yAxis: {
        type: 'value',
        min: input.yMin,
        max: input.yMax,
        name: input.yName,
        nameLocation: 'end',
        axisLabel: AXIS_LABEL,
        splitLine: { lineStyle: { color: BORDER_COLOUR, type: 'dashed' } },
      },
      series: lines,
    },
  );
}
