import { barChartSvg, type ChartFigure } from '../../charts/index.ts';
import type { ReferralCounts } from './figures.ts';

const FIGURE_NAMES = { made: 'Made', accepted: 'Accepted', attended: 'Attended' } as const;

/** Some of each group's figures (made, accepted, attended) as horizontal bars, with the chart's figures as its table: both reports' chart. */
export function groupsChart(props: {
  idPrefix: string;
  title: string;
  description: string;
  /** The table's first header: what a row is ('Agency', 'Month of referral'). */
  labelHeader: string;
  rows: { label: string; counts: ReferralCounts }[];
  figures: (keyof typeof FIGURE_NAMES)[];
}): ChartFigure {
  const { title, rows } = props;
  const series = props.figures.map((figure) => ({ name: FIGURE_NAMES[figure], values: rows.map((row) => row.counts[figure]) }));
  return {
    title,
    svg: barChartSvg({ idPrefix: props.idPrefix, title, description: props.description, categories: rows.map((row) => row.label), series, yMin: 0, horizontal: true }),
    table: {
      caption: 'The chart’s figures',
      head: [props.labelHeader, ...series.map((figure) => figure.name)],
      rows: rows.map((row) => [row.label, ...props.figures.map((figure) => row.counts[figure].toLocaleString('en-GB'))]),
    },
  };
}
