import { describe, expect, it } from 'vitest';
import { pageTable, reportHtml } from '../support/report-pages.ts';
import { markInError } from '../support/team-comparison.ts';
import { ALPHA, AMY, BEN, BETA, useTeamComparisonSet, CAT, DEE, FIGURES, NO_TEAM, PATH, PERIOD, TOO_FEW } from '../support/team-comparison-set.ts';

/** The team comparison's every figure, for teams and workers, on the page (the records: tests/support/team-comparison-set.ts). */
const s = useTeamComparisonSet();

/** A row's label as read: the name, and the words of its tag if it has one. */
const labelWords = (label: string) =>
  label
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A table's body rows as { label (with its tag's words): cells }, for the rows named. */
function rows(html: string, caption: string, labels: string[]): Record<string, string[]> {
  const table = pageTable(html, caption)
    .slice(1)
    .map(([label = '', ...cells]) => [labelWords(label), cells] as const);
  return Object.fromEntries(table.filter(([label]) => labels.some((wanted) => label.startsWith(wanted))));
}
const page = (query: string) => reportHtml(s.manager, `${PATH}?${query}`);

describe('the team comparison', () => {
  it('gives every figure for each team, marking those with too few sign-ups to compare', async () => {
    const html = await page(PERIOD);
    expect(html).toContain('Signed up from 1 January 2026 to 31 March 2026');
    expect(pageTable(html, 'Teams')[0]).toEqual(['Team', ...FIGURES]);
    expect(rows(html, 'Teams', ['Alpha', 'Beta', 'No team'])).toEqual({ 'Alpha team': ALPHA, [`Beta team ${TOO_FEW}`]: BETA, [`No team ${TOO_FEW}`]: NO_TEAM });
    expect(html).toContain('fewer than 3 sign-ups');
    expect(html).toContain('Engagement rate by team');
  });

  it('gives every figure for each active worker with sign-ups or a caseload, under their team', async () => {
    const html = await page(PERIOD);
    expect(pageTable(html, 'Workers, by team')[0]).toEqual(['Worker', 'Team', ...FIGURES]);
    const workers = rows(html, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee', 'Eve']);
    expect(workers).toEqual({ 'Amy Adams': AMY, [`Ben Brown ${TOO_FEW}`]: BEN, [`Cat Cole ${TOO_FEW}`]: CAT, [`Dee Dunn ${TOO_FEW}`]: DEE });
    expect(Object.keys(workers)).toEqual(['Amy Adams', `Ben Brown ${TOO_FEW}`, `Cat Cole ${TOO_FEW}`, `Dee Dunn ${TOO_FEW}`]);
  });

  it('narrows the sign-ups by the filters, and the rows by the team and worker filters', async () => {
    const prison = (await s.test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow()).id;
    // G2 (Polmont) is left out: Alpha's sign-ups G1 and G3; its open caseload G1, G3 and G4 (all in Barlinnie).
    const byPrison = await page(`${PERIOD}&prisonId=${prison}`);
    expect(rows(byPrison, 'Teams', ['Alpha'])).toEqual({
      [`Alpha team ${TOO_FEW}`]: ['3', '2', '1.00', '1', '100.0', '1', '50.0', '2.00', '3.0', '1', '6', '4', '66.7'],
    });

    const byTeam = await page(`${PERIOD}&teamId=${s.ids.beta}`);
    expect(
      pageTable(byTeam, 'Teams')
        .slice(1)
        .map((row) => labelWords(row[0] ?? '')),
    ).toEqual([`Beta team ${TOO_FEW}`]);
    // Cat's sign-ups narrowed to Beta's (L1); G5 has no team.
    expect(rows(byTeam, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee'])).toEqual({
      [`Cat Cole ${TOO_FEW}`]: ['Beta team', '1', '1', '3.00', '1', '100.0', '1', '100.0', '2.00', '0.0', '1', '1', '0', '0.0'],
      [`Dee Dunn ${TOO_FEW}`]: DEE,
    });

    const byWorker = await page(`${PERIOD}&workerId=${s.ids.ben}`);
    expect(Object.keys(rows(byWorker, 'Workers, by team', ['Amy', 'Ben', 'Cat', 'Dee']))).toEqual([`Ben Brown ${TOO_FEW}`]);
    expect(rows(byWorker, 'Teams', ['Alpha'])[`Alpha team ${TOO_FEW}`]?.slice(0, 3)).toEqual(['2', '2', '1.00']);
  });

  it('counts a session held by the next date agreed at the one before as on time, though later than the interval after it', async () => {
    // Ben's 1 March session agreed the next for 30 March; the four-week interval alone would make it due by 29 March.
    const lastDay = await page('from-day=30&from-month=3&from-year=2026&to-day=31&to-month=3&to-year=2026');
    expect(rows(lastDay, 'Workers, by team', ['Ben'])[`Ben Brown ${TOO_FEW}`]?.slice(-3)).toEqual(['1', '1', '100.0']);
    expect(rows(lastDay, 'Teams', ['Alpha'])[`Alpha team ${TOO_FEW}`]?.slice(-3)).toEqual(['1', '1', '100.0']);
    expect(lastDay).toContain('the next date agreed at the session before it');
  });

  it('counts a contact marked entered in error nowhere: the sign-up it engaged is no longer engaged', async () => {
    await markInError(s.test, 'contact', s.ids.g2Contact ?? '');
    const html = await page(PERIOD);
    // Alpha: only G1 engaged now (1 of 3), its 2 contacts, 3 days.
    expect(rows(html, 'Teams', ['Alpha'])['Alpha team']).toEqual(['3', '3', '1.00', '1', '50.0', '1', '33.3', '2.00', '3.0', '2', '6', '4', '66.7']);
  });
});
