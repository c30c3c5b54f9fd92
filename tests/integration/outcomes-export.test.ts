import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInCtx } from '../../src/http/context.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import { exportProgrammeToFile } from '../../src/modules/programme-export/export.ts';
import { restoreProgramme } from '../../src/modules/programme-export/restore.ts';
import { buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { buildOutcome, smallPdf, smallPng } from '../support/outcomes.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Evidence files are bytes in the database (bytea): a programme export must carry them so that a
 * restore gives back every byte, in the zip of CSV files and in the XLSX workbook alike, however
 * large the file (up to the 10 MB an evidence file may be) and whatever bytes it holds.
 */
let test: TestApp;
let dir: string;
let admin: SignedInCtx;
const files: Record<string, Buffer> = {
  'tenancy.pdf': smallPdf(),
  'letter.png': smallPng(8),
  'every-byte.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, n) => n)), Buffer.from('\r\n=1+1\u0000')]),
  // Larger than a spreadsheet cell holds (32,767 characters) however it is written.
  'scan.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3 * 1024 * 1024)]),
};

beforeAll(async () => {
  test = await buildTestApp();
  dir = await mkdtemp(join(tmpdir(), 'throughcare-evidence-export-'));
  const user = await test.database.db
    .selectFrom('app_user as u')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
    .where('u.email', '=', 'admin@roop.example')
    .executeTakeFirstOrThrow();
  admin = { actor: actorFromRow(user, 'session'), requestId: 'evidence-export-test', address: 'test', db: test.database.db, log: pino({ level: 'silent' }) };
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2010-01-04' });
  const outcome = await buildOutcome(test, { episodeId: episode.id, achievedOn: '2010-04-01' });
  const programme = await programmeId(test);
  for (const [name, bytes] of Object.entries(files)) {
    await test.database.db
      .insertInto('evidence_file')
      .values({ programme_id: programme, outcome_id: outcome.id, file_name: name, media_type: 'application/pdf', byte_size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes, uploaded_by: null })
      .execute();
  }
}, 120_000);
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

async function restoredFiles(format: 'zip' | 'xlsx') {
  const path = join(dir, `export.${format}`);
  await exportProgrammeToFile({ ctx: admin, format, path });
  const summary = await restoreProgramme({ db: test.database.db, file: path, slug: `evidence-${format}`, name: `Evidence ${format}` });
  expect(summary.rows.evidence_file).toBe(Object.keys(files).length);
  return test.database.db.selectFrom('evidence_file').select(['file_name', 'byte_size', 'sha256', 'content']).where('programme_id', '=', summary.programmeId).execute();
}

describe('evidence files in a programme export', () => {
  for (const format of ['zip', 'xlsx'] as const) {
    it(`restores every file byte for byte from the ${format}`, async () => {
      const restored = await restoredFiles(format);
      expect(restored.map((file) => file.file_name).sort()).toEqual(Object.keys(files).sort());
      for (const file of restored) {
        const original = files[file.file_name] ?? Buffer.alloc(0);
        expect(file.byte_size, file.file_name).toBe(original.length);
        expect(Buffer.compare(file.content, original), file.file_name).toBe(0);
        expect(createHash('sha256').update(file.content).digest('hex')).toBe(file.sha256);
      }
    }, 240_000);
  }
});
