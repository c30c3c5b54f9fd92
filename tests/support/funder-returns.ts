import { today } from '../../src/http/date-fields.ts';
import { recentPeriods } from '../../src/modules/funder-returns/periods.ts';
import { produceReturn } from '../../src/modules/funder-returns/produce.ts';
import { createTemplate } from '../../src/modules/funder-returns/templates.ts';
import { ctxAs, type TestApp } from './test-app.ts';

/** A return template (every prison, two figures) and a return produced from it for the latest quarter, through the module's own functions. */
export async function buildFunderSamples(test: TestApp) {
  const admin = await ctxAs(test, 'administrator');
  const manager = await ctxAs(test, 'manager');
  const { id: templateId } = await createTemplate(admin, {
    name: 'Walk grant',
    funder: 'Walk trust',
    periodKind: 'financial_quarter',
    prisonIds: [],
    areaIds: [],
    ageBands: [],
    figures: ['sign-ups', 'engaged-sign-ups'],
  });
  const period = recentPeriods('financial_quarter', today(admin.actor.timeZone))[0];
  if (!period) throw new Error('There is always a current quarter');
  const { id: returnId } = await produceReturn(manager, { templateId, period });
  return { templateId, returnId };
}
