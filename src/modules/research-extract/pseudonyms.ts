import { createHmac } from 'node:crypto';

/**
 * A stable pseudonym for a record in the research extract: the first 16 hex characters (64 bits) of
 * HMAC-SHA256, keyed with the service's secret, of the kind of record and its id. The same record
 * always has the same pseudonym under the same key, so extracts taken at different times link up;
 * without the key nobody can work back to the id or test a guess; a new key unlinks every extract.
 */
export function pseudonym(props: { key: string; kind: 'person' | 'sign-up'; id: string }): string {
  return createHmac('sha256', props.key).update(`${props.kind}:${props.id}`).digest('hex').slice(0, 16);
}
