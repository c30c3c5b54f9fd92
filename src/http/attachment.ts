import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** A download's file name: letters, digits, dots and hyphens only (anything else becomes a hyphen). */
export function safeFilename(filename: string): string {
  return filename.replace(/[^A-Za-z0-9.-]+/g, '-');
}

/** Sends `body` (text, bytes, or a stream of a large file) as a file to save rather than a page to show. */
export function sendAttachment(reply: FastifyReply, props: { filename: string; type: string; body: string | Buffer | Readable }): FastifyReply {
  return reply
    .type(props.type)
    .header('content-disposition', `attachment; filename="${safeFilename(props.filename)}"`)
    .send(props.body);
}
