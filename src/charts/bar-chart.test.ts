import { describe, expect, it } from 'vitest';
import { barChartSvg } from './bar-chart.ts';

const bars = (svg: string) => [...svg.matchAll(/<path [^>]*data-kind="chart"/g)].length;

const means = {
  idPrefix: 'means',
  title: 'Mean first and latest score, by area',
  description: 'People with two or more readings <all>',
  categories: ['Somewhere settled to live', 'Managing money', 'Work & learning'],
  series: [
    { name: 'First', values: [3.25, 4, null] },
    { name: 'Latest', values: [5.5, 6, 7] },
  ],
  yMin: 0,
  yMax: 10,
};

describe('barChartSvg', () => {
  it('is an image named by its title and description, escaped', () => {
    const svg = barChartSvg(means);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="means-title means-desc"/);
    expect(svg).toContain('<title id="means-title">Mean first and latest score, by area</title>');
    expect(svg).toContain('<desc id="means-desc">People with two or more readings &lt;all&gt;</desc>');
  });

  it('draws a bar for every value given, labelled with it (to one decimal place), and none for a missing one', () => {
    for (const horizontal of [false, true]) {
      const svg = barChartSvg({ ...means, horizontal });
      expect(bars(svg)).toBe(5);
      expect(svg).toContain('>3.3</text>');
      expect(svg).toContain('>5.5</text>');
      expect(svg).toContain('>7</text>');
    }
  });

  it('names the categories (escaped) and the series, in GOV.UK colours, without inline style', () => {
    const svg = barChartSvg(means);
    expect(svg).toContain('Work &amp; learning');
    expect(svg).toContain('>First</text>');
    expect(svg).toContain('>Latest</text>');
    expect(svg).toContain('fill="#1d70b8"');
    expect(svg).toContain('fill="#f47738"');
    expect(svg).not.toMatch(/style[ =>]/);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 \d+" width="100%"/);
  });

  it('draws a chart of one value, with the value axis from the data when not given', () => {
    const svg = barChartSvg({ idPrefix: 'one', title: 'One', description: 'One bar', categories: ['Money'], series: [{ name: 'Latest', values: [4] }] });
    expect(bars(svg)).toBe(1);
    expect(svg).toContain('>Money</text>');
  });

  it('grows taller with more categories across, so every group has room', () => {
    const height = (svg: string) => Number(svg.match(/viewBox="0 0 640 (\d+)"/)?.[1]);
    const few = barChartSvg({ ...means, horizontal: true });
    const many = barChartSvg({
      ...means,
      horizontal: true,
      categories: [...means.categories, 'A', 'B'],
      series: means.series.map((s) => ({ ...s, values: [...s.values, 1, 2] })),
    });
    expect(height(many)).toBeGreaterThan(height(few));
  });
});
