import type { FastifyInstance } from 'fastify';
import { filteredReportRoutes } from '../reports/filtered-report-routes.ts';
import { unsetFact } from '../../http/downloads.ts';
import { agencyFeedbackRoutes } from './agency-routes.ts';
import { referralReportJson, referralReportToJson } from './json.ts';
import { REFERRALS_PATH, referralPage } from './page.ts';
import { MODE_WORDS, referralFields, referralReport } from './report.ts';
import { REFERRAL_TABLES, referralTables } from './tables.ts';

const MODE_LABEL = 'How the referral was made';

/** The referrals report (/reports/referrals) and each agency's feedback report (/reports/referrals/agency/:organisationId). */
export function referralReportRoutes(app: FastifyInstance) {
  filteredReportRoutes(app, {
    name: 'referrals',
    title: 'Referrals report',
    periodLabel: 'Referred',
    extraFacts: (report) => {
      const mode = report.filter.mode;
      return [mode ? { label: MODE_LABEL, value: MODE_WORDS[mode], filePart: mode } : unsetFact(MODE_LABEL, 'Either way')];
    },
    path: REFERRALS_PATH,
    view: 'referral-reports/views/referrals.njk',
    extra: referralFields,
    compute: referralReport,
    tableNames: REFERRAL_TABLES,
    tables: referralTables,
    page: referralPage,
    api: {
      path: '/api/v1/reports/referrals',
      summary: 'The referrals report: referrals by agency, service and need, answers, attendance, time to the first appointment, and engaged clients linked to a service',
      description:
        'Referrals whose referral date is in the period (from/to), from sign-ups of any date matching the other filters, sent through Throughcare (live) or made outside it (logged), or either (mode). ' +
        'A referral entered in error counts nowhere. Engaged clients are counted as the engagement report counts them (sign-ups signed up in the period); linked clients are those of them with a referral attended in the period.',
      response: referralReportJson,
      toJson: referralReportToJson,
    },
  });
  agencyFeedbackRoutes(app);
}
