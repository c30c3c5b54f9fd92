/** Charts drawn on the server as accessible SVG (ECharts): show each in a figure with its data table (views/macros/chart.njk). */
export { lineChartSvg, type LineChartInput } from './line-chart.ts';
export { barChartSvg, type BarChartInput } from './bar-chart.ts';
export type { ChartSeries } from './svg.ts';

/** What views/macros/chart.njk's appChart shows: the chart in a figure with its caption, and its data table (each row's first cell heads the row). */
export interface ChartFigure {
  title: string;
  svg: string;
  table: { caption: string; head: string[]; rows: string[][] };
}
