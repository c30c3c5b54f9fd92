import { deflateSync } from 'node:zlib';
import type { Insertable } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { OutcomeTable } from '../../src/db/schema.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { programmeId } from './journey.ts';
import { demoUser, type Browser, type TestApp } from './test-app.ts';

/** Factories and files for the outcome tests. */

/** A real one-page PDF saying `text`, with a correct cross-reference table. */
export function smallPdf(text = 'Tenancy agreement'): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG: `size` pixels square, one colour. */
export function smallPng(size = 4): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0x1d)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** Posts the outcome form as the page does: multipart, the file last, the CSRF token in the action's query. */
export async function postOutcomeForm(
  test: TestApp,
  browser: Browser,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
): Promise<LightMyRequestResponse> {
  const csrf = await browser.csrfToken('/account');
  const boundary = '----outcome-test-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidenceFile"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return test.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(csrf)}`,
    cookies: browser.cookies,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(Buffer.concat(parts)),
  });
}

export async function buildOutcome(test: TestApp, props: Partial<Insertable<OutcomeTable>> & { episodeId: string; achievedOn: string }) {
  const { episodeId, achievedOn, ...columns } = props;
  return test.database.db
    .insertInto('outcome')
    .values({ programme_id: await programmeId(test), episode_id: episodeId, outcome_type: 'accommodation', achieved_on: achievedOn, detail: null, created_by: null, ...columns })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The Authorization header of an API token for the demo user of `role`. */
export async function outcomeApiHeaders(test: TestApp, role: Parameters<typeof demoUser>[1]) {
  const user = await demoUser(test, role);
  const token = `tc_outcomes_${role}`;
  const existing = await test.database.db.selectFrom('api_token').select('id').where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!existing) await test.database.db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 'outcome tests', token_hash: hashSecret(token), created_by: user.id }).execute();
  return { authorization: `Bearer ${token}` };
}
