import type { SignedInCtx } from '../../http/context.ts';
import type { FundedScope } from '../reports/engagement-filters.ts';
import { engagementReport } from '../reports/engagement-report.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { outcomesReport } from '../reports/outcomes-report.ts';
import { loadFamilyReportOptions } from '../family-support-report/options.ts';
import { familySupportReport } from '../family-support-report/report.ts';
import { returnReport } from '../returns/report.ts';
import { figureByCode, FIGURE_REPORTS, type Figure, type FigureReport, type FigureValue, type ReportResults } from './figures.ts';

/** A figure as a return stores it: never recomputed, so it reads the same whatever is corrected later. */
export interface StoredFigure {
  code: string;
  report: FigureReport;
  reportLabel: string;
  label: string;
  definition: string;
  value: FigureValue;
}

/**
 * Runs the reports the figures come from, for the period and what the funder funds, and reads each
 * figure from its report's result: the same functions the report pages use, so a return's figure is
 * the figure the live report gives for the same scope at that moment.
 */
export async function computeFigures(
  ctx: SignedInCtx,
  props: { codes: readonly string[]; period: { from: string; to: string }; funded: FundedScope; options: FilterOptions },
): Promise<StoredFigure[]> {
  const figures = props.codes.map((code) => figureByCode(code)).filter((figure): figure is Figure => figure !== undefined);
  const needed = new Set(figures.map((figure) => figure.report));
  const filter = { from: props.period.from, to: props.period.to, funded: props.funded };
  const { options } = props;
  const results: ReportResults = {};
  await Promise.all([
    needed.has('engagement') && engagementReport({ ctx, filter, options }).then((report) => (results.engagement = report)),
    needed.has('outcomes') && outcomesReport({ ctx, filter, options }).then((report) => (results.outcomes = report)),
    needed.has('return-to-custody') && returnReport({ ctx, filter, options }).then((report) => (results['return-to-custody'] = report)),
    needed.has('family-support') &&
      loadFamilyReportOptions(ctx).then(async (familyOptions) => {
        results['family-support'] = await familySupportReport({ ctx, filter: props.period, options: familyOptions });
      }),
  ]);
  return figures.map((figure) => ({
    code: figure.code,
    report: figure.report,
    reportLabel: FIGURE_REPORTS[figure.report],
    label: figure.label,
    definition: figure.definition,
    value: figure.read(results),
  }));
}
