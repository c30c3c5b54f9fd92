import type { TestApp } from './test-app.ts';

/** A GOV.UK date input's three boxes for 'YYYY-MM-DD' ('' for all three when not given). */
export const dateParts = (name: string, iso = '') => {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : [];
  return { [`${name}-day`]: day ? String(Number(day)) : '', [`${name}-month`]: month ? String(Number(month)) : '', [`${name}-year`]: year };
};

export const prisonIdOf = async (test: TestApp, name: string) => (await test.database.db.selectFrom('prison').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** How many rows a table holds for a sign-up (to show that a refused form saved nothing). */
export const rowsFor = async (test: TestApp, table: 'contact' | 'employability_activity', episodeId: string) =>
  (await test.database.db.selectFrom(table).select('id').where('episode_id', '=', episodeId).execute()).length;
