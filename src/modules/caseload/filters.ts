import { z } from 'zod';

/**
 * What a caseload list can be filtered and sorted by, as its querystring says it. The filters are a
 * GET form and the sort headers plain links, so every view of the list is a link that works without
 * JavaScript, and the pagination links keep the filters and the sort.
 */

/** Where a client is in the journey, in the words the filter shows. `open` is every open sign-up. */
export const STAGES = {
  open: 'All open',
  'in-prison': 'In prison',
  'liberated-this-week': 'Liberated this week',
  engaged: 'Engaged',
  'not-engaged': 'Not engaged yet',
  closed: 'Closed',
} as const;
export type Stage = keyof typeof STAGES;
const STAGE_CODES = Object.keys(STAGES) as [Stage, ...Stage[]];
/** The team's list holds its open sign-ups only. */
export const TEAM_STAGES = STAGE_CODES.filter((stage) => stage !== 'closed');

export const SORTS = { client: 'Client', liberation: 'Liberation date', 'last-contact': 'Last contact', next: 'Next' } as const;
export type Sort = keyof typeof SORTS;

export const PAGE_SIZE = 25;
/** The team's unallocated queue: open sign-ups with nobody assigned. */
export const UNALLOCATED = 'unallocated';

const blank = (value: unknown) => (value === '' || value === undefined ? undefined : value);

export const caseloadQuery = z.object({
  stage: z.preprocess(blank, z.enum(STAGE_CODES, { error: 'Select a stage from the list' }).default('open')),
  sort: z.preprocess(blank, z.enum(Object.keys(SORTS) as [Sort, ...Sort[]], { error: 'Sort by one of the columns' }).default('client')),
  order: z.preprocess(blank, z.enum(['asc', 'desc'], { error: 'Sort ascending or descending' }).default('asc')),
  page: z.preprocess(
    blank,
    z.coerce
      .number({ error: 'The page must be a number' })
      .int('The page must be a whole number')
      .min(1, 'The page must be 1 or more')
      .max(100000, 'There are not that many pages')
      .default(1),
  ),
  worker: z.preprocess(blank, z.union([z.uuid(), z.literal(UNALLOCATED)], { error: 'Select a worker from the list' }).optional()),
});
export type CaseloadQuery = z.output<typeof caseloadQuery>;
export const DEFAULT_QUERY: CaseloadQuery = { stage: 'open', sort: 'client', order: 'asc', page: 1 };

/** The list's link with these filters (defaults left out, so links stay short). */
export function caseloadHref(path: string, query: CaseloadQuery, change: Partial<CaseloadQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.stage !== 'open') params.set('stage', next.stage);
  if (next.worker) params.set('worker', next.worker);
  if (next.sort !== 'client' || next.order !== 'asc') {
    params.set('sort', next.sort);
    params.set('order', next.order);
  }
  if (next.page > 1) params.set('page', String(next.page));
  return params.size > 0 ? `${path}?${params}` : path;
}

/** Each sortable column's header: its link (the other direction when it is the current sort) and aria-sort. */
export function sortHeaders(path: string, query: CaseloadQuery) {
  return Object.fromEntries(
    (Object.keys(SORTS) as Sort[]).map((sort) => {
      const current = query.sort === sort;
      const order = current && query.order === 'asc' ? 'desc' : 'asc';
      return [
        sort,
        {
          text: SORTS[sort],
          href: caseloadHref(path, query, { sort, order, page: 1 }),
          ariaSort: current ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
        },
      ];
    }),
  ) as Record<Sort, { text: string; href: string; ariaSort: string }>;
}

/** GOV.UK pagination: previous and next, the first and last page, and the pages either side of this one. */
export function pageLinks(props: { page: number; total: number; href: (page: number) => string }) {
  const { page: current, href } = props;
  const pages = Math.max(1, Math.ceil(props.total / PAGE_SIZE));
  if (pages === 1) return null;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let page = 1; page <= pages; page += 1) {
    const near = page === 1 || page === pages || Math.abs(page - current) <= 1;
    if (near) items.push({ number: page, href: href(page), current: page === current });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    previous: current > 1 ? { href: href(Math.min(current - 1, pages)) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
  };
}

/** The caseload list's pagination, each link keeping the filters and the sort. */
export const pagination = (path: string, query: CaseloadQuery, total: number) =>
  pageLinks({ page: query.page, total, href: (page) => caseloadHref(path, query, { page }) });
