import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadRoutes, formProblems, type DownloadFact } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Action } from '../auth/policy.ts';
import { filterQueryWith, parseFilterForm, unknownChoices, type EngagementFilter, type FilterExtras, type FilterWith } from './engagement-filters.ts';
import { reportFacts } from './filter-facts.ts';
import { loadFilterOptions, type FilterOptions } from './filter-options.ts';
import { reportDownload } from './report-download.ts';
import type { ReportTable } from './report-tables.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * A report filtered by period, prison, team, area, worker, gender and age, served four ways from one
 * computation: the page (GET `path`), each table as CSV and the tables as an XLSX workbook
 * (`path`.csv/.xlsx, with the page's querystring), and JSON at `api.path`. A bad filter computes
 * nothing: the page shows the form's errors (400), the downloads and the API answer 400.
 */
export function filteredReportRoutes<Report extends { filter: EngagementFilter }, Name extends string, Extra extends FilterExtras = Record<never, never>>(
  app: FastifyInstance,
  props: {
    /** Its name in file names and the audit log. */
    name: string;
    /** Its name in words, as its page's heading: a download's "About this download" sheet says it. */
    title: string;
    /** What the period dates, in words: "Signed up", "Liberated". */
    periodLabel: string;
    /** The report's own fields in words (a window, a comparison), for its downloads; `chosen` is the query's filter, before defaults. */
    extraFacts?: (report: Report, chosen: FilterWith<Extra>) => DownloadFact[];
    path: string;
    /** Who may read it (default: 'reports.read'). */
    access?: Action;
    view: string;
    /** The report's own fields besides the filters, on the page's form and the API's querystring alike. */
    extra?: Extra;
    compute: (props: { ctx: SignedInCtx; filter: FilterWith<Extra>; options: FilterOptions }) => Promise<Report>;
    tableNames: readonly Name[];
    tables: (report: Report) => Record<Name, ReportTable<Name>>;
    page: (props: { form: FormState; options: FilterOptions; report?: Report }) => object;
    api: { path: string; summary: string; description: string; response: z.ZodType; toJson: (report: Report) => unknown };
  },
) {
  /** The page's (and its download links') querystring, checked: the report, or the form with its errors. */
  async function fromQuery(ctx: SignedInCtx, query: unknown) {
    const parsed = parseFilterForm(query, props.extra);
    const options = await loadFilterOptions(ctx);
    if (!parsed.ok) return { options, form: parsed.form };
    const problems = unknownChoices({ filter: parsed.filter, options });
    if (problems.length > 0) return { options, form: formState(parsed.form.values, problems) };
    return { options, form: parsed.form, chosen: parsed.filter, report: await props.compute({ ctx, filter: parsed.filter, options }) };
  }

  const access = props.access ?? 'reports.read';
  app.get(props.path, { config: { access } }, async (request, reply) => {
    const page = await fromQuery(ctxOf(request), request.query);
    return reply.code(page.report ? 200 : 400).view(props.view, props.page(page));
  });

  /** A download's report, or the page's errors (400). */
  async function downloaded(ctx: SignedInCtx, query: unknown) {
    const { report, form, options, chosen } = await fromQuery(ctx, query);
    if (!report || !chosen) throw formProblems(form);
    const facts = [...reportFacts({ filter: report.filter, options, periodLabel: props.periodLabel }), ...(props.extraFacts?.(report, chosen) ?? [])];
    return { report, facts, detail: { report: props.name, filter: report.filter } };
  }
  downloadRoutes(app, {
    path: props.path,
    access,
    build: (request, format) => {
      const ctx = ctxOf(request);
      const { name, title, tableNames, tables } = props;
      return reportDownload(ctx, { format, query: request.query, fileName: name, title, tableNames, tables, compute: () => downloaded(ctx, request.query) });
    },
  });

  apiOf(app).get(
    props.api.path,
    {
      config: { access },
      schema: { tags: ['Reports'], summary: props.api.summary, description: props.api.description, querystring: filterQueryWith(props.extra ?? {}), response: { 200: props.api.response, ...problemResponses } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const options = await loadFilterOptions(ctx);
      const problems = unknownChoices({ filter: request.query, options });
      if (problems.length > 0) throw new ValidationError(problems);
      return props.api.toJson(await props.compute({ ctx, filter: request.query as FilterWith<Extra>, options }));
    },
  );
}
