import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { FONT_FAMILY, FONT_SIZE, SECONDARY_TEXT_COLOUR, TEXT_COLOUR } from './palette.ts';

/** What every chart says about itself: its title and description, and the prefix its ids take (unique on the page). */
export interface ChartText {
  idPrefix: string;
  title: string;
  description: string;
}

/** One line or set of bars: a value for each category, null where there is none. */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
}

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The CSS properties ECharts writes in style attributes that SVG also takes as attributes (the font family is set once, on the root). */
const PRESENTATION = new Set(['font-size', 'font-weight', 'font-style']);

/** The page's Content-Security-Policy refuses inline styles, so style="..." becomes presentation attributes. */
function presentationAttributes(css: string): string {
  return css
    .split(';')
    .map((declaration) => declaration.split(':').map((part) => part.trim()))
    .filter(([property, value]) => property !== undefined && PRESENTATION.has(property) && value)
    .map(([property, value]) => ` ${property}="${escapeXml(value ?? '')}"`)
    .join('');
}

/**
 * ECharts' SVG made fit for a page: an accessible image (role="img", a <title> and a <desc> that
 * aria-labelledby names) that scales to its container (a viewBox, 100% wide, no fixed size), with no
 * inline styles or style element (the page's CSP), no hover classes, and ids under `idPrefix`.
 * Data marks keep data-kind="chart" (and data-series, data-index) for tests and scripts.
 */
function accessibleSvg(raw: string, text: ChartText, size: { width: number; height: number }): string {
  const id = text.idPrefix;
  const body = raw
    .replace(/^\s*<svg[^>]*>/, '')
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, css: string) => presentationAttributes(css))
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/ ecmeta_ssr_type="/g, ' data-kind="')
    .replace(/ ecmeta_series_index="/g, ' data-series="')
    .replace(/ ecmeta_data_index="/g, ' data-index="')
    .replace(/ ecmeta_\w+="[^"]*"/g, '')
    .replace(/(id="|url\(#)zr\d+-/g, `$1${id}-`)
    .replace(/<defs >/g, '<defs>');
  const root = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${size.width} ${size.height}"`,
    'width="100%"',
    'role="img"',
    `aria-labelledby="${id}-title ${id}-desc"`,
    'focusable="false"',
    'class="app-chart__svg"',
    `font-family="${escapeXml(FONT_FAMILY)}"`,
  ].join(' ');
  return `<svg ${root}><title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>${body.trim()}`;
}

/** Checks what a chart is given: a usable id prefix, and a value (or null) for every category in every series. */
export function checkChart(text: ChartText, categories: readonly string[], series: readonly ChartSeries[]): void {
  if (!/^[A-Za-z][\w-]*$/.test(text.idPrefix)) throw new Error(`A chart's idPrefix must be letters, digits, - or _, starting with a letter: ${text.idPrefix}`);
  for (const one of series) {
    if (one.values.length !== categories.length) throw new Error(`Series "${one.name}" has ${one.values.length} values for ${categories.length} categories`);
  }
}

/** The text style every chart uses (ECharts gets no font family: the root's applies to all). */
export const TEXT_STYLE = { fontSize: FONT_SIZE, color: TEXT_COLOUR } as const;
export const AXIS_LABEL = { fontSize: FONT_SIZE, color: SECONDARY_TEXT_COLOUR } as const;

/** A number as a chart labels it: whole numbers as they are, others to one decimal place. */
export const chartNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * Draws an ECharts option on the server as an SVG string, without animation, and always disposes
 * of the chart (an undisposed one keeps node running).
 */
export function renderChart(text: ChartText, size: { width: number; height: number }, option: EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, aria: { enabled: false }, textStyle: TEXT_STYLE, ...option });
    return accessibleSvg(chart.renderToSVGString(), text, size);
  } finally {
    chart.dispose();
  }
}

/**
 * How many rows a legend at the bottom takes: ECharts wraps its items to the chart's width. An
 * estimate from the names' lengths (about 8 px a character at 14 px), erring on the side of room.
 */
export function legendRows(names: readonly string[], width: number): number {
  const itemWidths = names.map((name) => 25 + 5 + Math.ceil(name.length * 8) + 16);
  let rows = 1;
  let used = 0;
  for (const itemWidth of itemWidths) {
    if (used > 0 && used + itemWidth > width) {
      rows += 1;
      used = 0;
    }
    used += itemWidth;
  }
  return rows;
}

/** A legend row: the item's height and the gap ECharts leaves between rows. */
export const LEGEND_ROW_HEIGHT = 14 + 16;

/** A chart's whole height: down to the legend's top, then as many legend rows as the series' names need. */
export const heightWithLegend = (legendTop: number, series: readonly ChartSeries[], width: number) =>
  legendTop + legendRows(series.map((one) => one.name), width - 16) * LEGEND_ROW_HEIGHT + 8;

/** The legend under a chart, from `top`, wrapping within the chart's width. */
export const bottomLegend = (top: number, width: number) => ({
  show: true,
  type: 'plain' as const,
  top,
  left: 8,
  width: width - 16,
  itemGap: 16,
  itemWidth: 25,
  itemHeight: 14,
  textStyle: { fontSize: FONT_SIZE, color: TEXT_COLOUR },
  selectedMode: false,
});
