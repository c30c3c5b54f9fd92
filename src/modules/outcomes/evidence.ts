import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { NotFoundError, throwProblems, ValidationError } from '../../http/errors.ts';
import { unsavableFields } from '../../http/unsavable-text.ts';
import { audit } from '../audit/record.ts';
import { writableEpisode } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';

/**
 * Evidence files: judged by their content (never their name or the type the browser claims), at
 * most 10 MB (the table's own check), kept in the database with their SHA-256.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const WRONG_KIND = 'The file must be a PDF, an image or an office document';

/** What file-type finds in the content, and the media type stored (and sent back on download). */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  // Old Word and Excel files are compound files: the content cannot tell which, so the name does.
  cfb: 'application/x-cfb',
};
const OLD_OFFICE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

export interface EvidenceUpload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/** A file's name as kept: no folders, no control characters, at most 200 characters. */
function keptName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'evidence').slice(-200);
}

/** Judges an uploaded file by its content: the file to keep, or why it is refused. */
export async function judgeFile(upload: { fileName: string; bytes: Buffer }): Promise<{ file: EvidenceUpload } | { problem: string }> {
  if (upload.bytes.length === 0) return { problem: 'The selected file is empty' };
  if (upload.bytes.length > MAX_EVIDENCE_BYTES) return { problem: 'The file must be smaller than 10 MB' };
  const found = await fileTypeFromBuffer(upload.bytes);
  const accepted = found ? ACCEPTED[found.ext] : undefined;
  if (!found || !accepted) return { problem: WRONG_KIND };
  const fileName = keptName(upload.fileName);
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const mediaType = found.ext === 'cfb' ? (OLD_OFFICE[extension] ?? accepted) : accepted;
  return { file: { fileName, mediaType, bytes: upload.bytes, sha256: createHash('sha256').update(upload.bytes).digest('hex') } };
}

/**
 * Reads a multipart form (the file field last): its text fields, and its one file judged by its
 * content, or the problem with it. An empty file field (no file chosen) is no file.
 */
export async function readEvidenceForm(request: FastifyRequest): Promise<{ fields: Record<string, string>; file?: EvidenceUpload; problem?: string }> {
  const fields: Record<string, string> = {};
  if (!request.isMultipart()) return { fields, problem: 'Send the form again' };
  let judged: Awaited<ReturnType<typeof judgeFile>> | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await part.toBuffer();
      if (!part.filename && bytes.length === 0) continue;
      judged = await judgeFile({ fileName: part.filename, bytes });
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { fields, problem: 'The file must be smaller than 10 MB' };
    throw error;
  }
  // Read here, not by the body parser: text the database cannot keep is refused as it is for every other form.
  throwProblems(unsavableFields(fields, 'body'));
  if (judged === undefined) return { fields };
  return 'problem' in judged ? { fields, problem: judged.problem } : { fields, file: judged.file };
}

/**
 * The file field of a form, for its error summary: the file is read before the form is validated
 * (readEvidenceForm), so the field only says whether that went well, or why not.
 */
export const fileField = (ok: boolean, problem: string) => z.preprocess(() => (ok ? 'ok' : undefined), z.literal('ok', { error: problem }));

/** Keeps an evidence file of an outcome (inside the caller's transaction), audited. */
export async function storeEvidenceFile(ctx: SignedInCtx, props: { outcomeId: string; episodeId: string; file: EvidenceUpload }): Promise<string> {
  const { file } = props;
  const row = await ctx.db
    .insertInto('evidence_file')
    .values({
      programme_id: ctx.actor.programmeId,
      outcome_id: props.outcomeId,
      file_name: file.fileName,
      media_type: file.mediaType,
      byte_size: file.bytes.length,
      sha256: file.sha256,
      content: file.bytes,
      uploaded_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, { action: 'create', recordType: 'evidence-file', recordId: row.id, detail: { outcomeId: props.outcomeId, episodeId: props.episodeId, bytes: file.bytes.length } });
  return row.id;
}

/** The evidence files of some outcomes (without their content), oldest first. */
export async function evidenceFilesOf(ctx: SignedInCtx, outcomeIds: string[]) {
  if (outcomeIds.length === 0) return [];
  return ctx.db
    .selectFrom('evidence_file as f')
    .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'f.programme_id').onRef('u.id', '=', 'f.uploaded_by'))
    .select(['f.id', 'f.outcome_id as outcomeId', 'f.file_name as fileName', 'f.media_type as mediaType', 'f.byte_size as byteSize', 'f.sha256', 'u.display_name as uploadedBy', 'f.uploaded_at as uploadedAt'])
    .where('f.programme_id', '=', ctx.actor.programmeId)
    .where('f.outcome_id', 'in', outcomeIds)
    .orderBy('f.uploaded_at')
    .execute();
}

/** One evidence file of an outcome on the sign-up named, with its content; its download is audited as an export. */
export async function evidenceFileForDownload(ctx: SignedInCtx, props: { personId: string; episodeId: string; outcomeId: string; fileId: string }) {
  const file = await ctx.db
    .selectFrom('evidence_file as f')
    .innerJoin('outcome as o', (j) => j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.outcome_id'))
    .select(['f.id', 'f.file_name as fileName', 'f.media_type as mediaType', 'f.content'])
    .where('f.programme_id', '=', ctx.actor.programmeId)
    .where('f.id', '=', props.fileId)
    .where('o.id', '=', props.outcomeId)
    .where('o.episode_id', '=', props.episodeId)
    .executeTakeFirst();
  if (!file) throw new NotFoundError();
  await audit(ctx, { action: 'export', recordType: 'evidence-file', recordId: file.id, detail: { outcomeId: props.outcomeId, episodeId: props.episodeId, personIds: [props.personId] } });
  return file;
}

/** An outcome may gather several files (a payslip each month), up to this many. */
export const MAX_FILES_PER_OUTCOME = 20;

/**
 * The outcome a file is being added to, on the open sign-up named, for someone who may work with
 * the client: not one entered in error.
 */
export async function outcomeForEvidence(ctx: SignedInCtx, props: { personId: string; episodeId: string; outcomeId: string }) {
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const outcome = await ctx.db
    .selectFrom('outcome as o')
    .leftJoin('choice as t', (j) => j.onRef('t.programme_id', '=', 'o.programme_id').on('t.list', '=', 'outcome_type').onRef('t.code', '=', 'o.outcome_type'))
    .select(['o.id', 'o.outcome_type as outcomeType', 't.label as outcomeTypeLabel', 'o.achieved_on as achievedOn', 'o.entered_in_error_at as enteredInErrorAt'])
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .where('o.episode_id', '=', episode.id)
    .where('o.id', '=', props.outcomeId)
    .executeTakeFirst();
  if (!outcome) throw new NotFoundError();
  if (outcome.enteredInErrorAt) throw new ValidationError([{ field: 'form', message: 'This outcome was marked entered in error, so no evidence can be added to it' }]);
  return { episode, outcome, files: await evidenceFilesOf(ctx, [outcome.id]) };
}

/** Adds an evidence file to an outcome already recorded. */
export async function addEvidenceFile(ctx: SignedInCtx, props: { personId: string; episodeId: string; outcomeId: string; file: EvidenceUpload }): Promise<void> {
  const { episode, outcome, files } = await outcomeForEvidence(ctx, props);
  if (files.length >= MAX_FILES_PER_OUTCOME) throw new ValidationError([{ field: 'evidenceFile', message: `An outcome can have at most ${MAX_FILES_PER_OUTCOME} evidence files` }]);
  await inTransaction(ctx, (tx) => storeEvidenceFile(tx, { outcomeId: outcome.id, episodeId: episode.id, file: props.file }));
}
