import { sql } from 'kysely';

/**
 * The worker a contact or visit names, joined as `w`: the user, else a name an imported file gave
 * that matched no user, as the file wrote it and marked so.
 */
export const workerNameOrWritten = (alias: 'c' | 'v') =>
  sql<string | null>`coalesce(w.display_name, ${sql.ref(`${alias}.worker_name`)} || ' (as written in an imported file)')`.as('workerName');
