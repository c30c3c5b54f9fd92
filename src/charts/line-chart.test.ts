import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './line-chart.ts';

const points = (svg: string, series?: number) =>
  [...svg.matchAll(/<path [^>]*data-series="(\d+)"[^>]*data-kind="chart"/g)].filter((match) => series === undefined || match[1] === String(series)).length;

const scores = {
  idPrefix: 'distance',
  title: 'Scores <over> time & more',
  description: 'Each area’s "score", from 1 to 10',
  categories: ['3 March 2026', '4 May 2026', '1 July 2026'],
  series: [
    { name: 'Somewhere settled to live', values: [3, 5, 7] },
    { name: 'Managing money', values: [null, 4, 6] },
  ],
  yMin: 1,
  yMax: 10,
};

describe('lineChartSvg', () => {
  it('is an image named by its title and description, escaped', () => {
    const svg = lineChartSvg(scores);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="distance-title distance-desc"/);
    expect(svg).toContain('<title id="distance-title">Scores &lt;over&gt; time &amp; more</title>');
    expect(svg).toContain('<desc id="distance-desc">Each area’s &quot;score&quot;, from 1 to 10</desc>');
    expect(svg).not.toContain('<over>');
  });

  it('scales to its container: a viewBox, 100% wide, no fixed width or height', () => {
    const root = lineChartSvg(scores).match(/^<svg[^>]*>/)?.[0] ?? '';
    expect(root).toMatch(/viewBox="0 0 640 \d+"/);
    expect(root).toContain('width="100%"');
    expect(root).not.toMatch(/height=/);
  });

  it('has no inline style (the page refuses them) and uses the page font and GOV.UK colours', () => {
    const svg = lineChartSvg(scores);
    expect(svg).not.toMatch(/style[ =>]/);
    expect(svg).toContain('font-family="&#39;GDS Transport&#39;, arial, sans-serif"');
    expect(svg).toContain('stroke="#1d70b8"');
    expect(svg).toContain('stroke="#f47738"');
  });

  it('marks every value given, none for a missing one', () => {
    const svg = lineChartSvg(scores);
    expect(points(svg, 0)).toBe(3);
    expect(points(svg, 1)).toBe(2);
  });

  it('labels the dates and names the series in the legend, escaped', () => {
    const svg = lineChartSvg({ ...scores, series: [{ name: 'Drugs & <alcohol>', values: [1, 2, 3] }] });
    for (const date of scores.categories) expect(svg).toContain(`>${date}</text>`);
    expect(svg).toContain('Drugs &amp; &lt;alcohol&gt;');
    expect(svg).not.toContain('<alcohol>');
  });

  it('draws a chart of one reading', () => {
    const svg = lineChartSvg({ ...scores, categories: ['3 March 2026'], series: [{ name: 'Money', values: [6] }] });
    expect(points(svg)).toBe(1);
    expect(svg).toContain('>3 March 2026</text>');
  });

  it('keeps ids under its prefix, so two charts on a page do not clash', () => {
    const svg = lineChartSvg({ ...scores, idPrefix: 'second-chart' });
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(2);
    expect(ids.every((id) => id?.startsWith('second-chart-'))).toBe(true);
    expect(svg).not.toMatch(/url\(#zr/);
  });

  it('refuses an unusable id prefix and a series without a value for every date', () => {
    expect(() => lineChartSvg({ ...scores, idPrefix: '1 "bad"' })).toThrow(/idPrefix/);
    expect(() => lineChartSvg({ ...scores, series: [{ name: 'Short', values: [1] }] })).toThrow(/1 values for 3 categories/);
  });
});
