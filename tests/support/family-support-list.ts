import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importCommand } from '../../src/cli/import.ts';
import { workbookFile } from './spreadsheet-files.ts';
import type { TestApp } from './test-app.ts';

/**
 * A programme's family support lists (made up), as its co-ordinators kept them: a workbook with a
 * sheet of referrals (a family referred in three years, linked to two clients; a family whose
 * prisoner is not a client), a sheet of members and a sheet of support given. Its clients' prison numbers are
 * FA1001 and FA1002 (the Hays) and FA1003 (a Gallacher); FAM-002's prisoner is not a client.
 */
const REFERRALS = [
  [
    'Family ref',
    'Family name',
    'Prisoner number',
    'Referral date',
    'Referral source',
    'Referrer',
    'Reason for referral',
    'Date accepted',
    'First contact',
    'Date closed',
    'Closure reason',
    'Co-ordinator',
    'Safeguarding',
  ],
  [
    'FAM-001',
    'Hay family',
    'FA1001',
    '12/05/2008',
    'Life coach',
    'Jamie Docherty',
    'Relationship strain during the sentence',
    '14/05/2008',
    '20/05/2008',
    '30/11/2008',
    'Support completed',
    'Eilidh Fraser',
    null,
  ],
  [
    'FAM-001',
    null,
    'FA1001',
    '03/06/2009',
    'Prison',
    'HMP Barlinnie',
    'Tenancy at risk',
    '05/06/2009',
    '10/06/2009',
    '31/03/2010',
    'Support completed',
    'Eilidh Fraser',
    null,
  ],
  ['fam-001', null, 'FA1002', '15/09/2010', 'Self', null, 'Caring for a parent', '16/09/2010', '20/09/2010', null, null, null, null],
  [
    'FAM-002',
    'Boyle family',
    null,
    '01/02/2010',
    'Another agency',
    'Women’s Aid',
    'Domestic abuse',
    '03/02/2010',
    null,
    null,
    null,
    'E. Fraser',
    'Do not visit when the former partner is present',
  ],
  ['FAM-003', null, 'FA1003', '10/10/2009', 'Life coach', null, 'Benefits stopped', null, null, '20/12/2009', 'Could not be contacted', 'Eilidh Fraser', null],
];
const MEMBERS = [
  ['Family ref', 'First name', 'Surname', 'Relationship', 'Date of birth', 'Adult or child'],
  ['FAM-001', 'Morven', 'Hay', 'Partner', '02/03/1982', null],
  ['FAM-001', 'Callan', 'Hay', 'Child', '14/07/2006', null],
  ['FAM-001', 'Isla', 'Hay', 'Child', null, 'Child'],
  ['FAM-002', 'Shona', 'Boyle', 'Parent', null, 'Adult'],
  ['FAM-003', 'Jean', 'Gallacher', 'Grandparent', '01/01/1950', null],
];
const SUPPORT = [
  ['Family ref', 'Date', 'Contact type', 'Support type', 'Who took part', 'Minutes', 'Notes'],
  ['FAM-001', '21/05/2008', 'Home visit', 'Emotional support; Caring', 'Morven, Callan', 60, 'First visit'],
  ['FAM-001', '12/06/2009', 'Phone call', 'Housing', 'morven', 20, null],
  ['FAM-002', '05/02/2010', 'Face to face', 'Domestic abuse, Benefits and money', 'Shona', 90, null],
  ['FAM-003', '01/11/2009', 'Home visit', 'Benefits', 'Jean', 45, null],
];
export const FAMILY_SUPPORT_SHEETS = { Referrals: REFERRALS, Members: MEMBERS, 'Support given': SUPPORT };

/** The lists as one workbook, a sheet each. */
export const familySupportWorkbook = () =>
  workbookFile((book) => {
    for (const [name, rows] of Object.entries(FAMILY_SUPPORT_SHEETS)) book.addWorksheet(name).addRows(rows);
  });

/** Imports the workbook sheet by sheet with `throughcare import`, as a team leader; returns what the command printed. */
export async function importFamilySupportLists(test: TestApp, dir: string): Promise<string[]> {
  const file = join(dir, 'families.xlsx');
  await writeFile(file, await familySupportWorkbook());
  const lines: string[] = [];
  for (const [sheet, kind] of [
    ['Referrals', 'family_referrals'],
    ['Members', 'family_members'],
    ['Support given', 'family_support'],
  ] as const) {
    const options = { file, as: 'team.leader@roop.example', kind, sheet, column: [], value: [], dryRun: false, again: false };
    const status = await importCommand(
      test.database.db,
      test.config.import,
      options,
      (line) => lines.push(line),
      () => undefined,
    );
    if (status !== 0) throw new Error(lines.join('\n'));
  }
  return lines;
}
