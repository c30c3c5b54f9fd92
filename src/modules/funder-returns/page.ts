import type { FormState } from '../../http/forms.ts';
import { AGE_BANDS, allBands } from '../reports/bands.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { figuresByReport } from './figures.ts';
import { PERIOD_KINDS } from './periods.ts';
import type { Template } from './templates.ts';

/** What the template form shows: every field, with the boxes ticked as submitted (or as saved). */

export const FUNDER_RETURNS_PATH = '/funder-returns';

const asList = (value: unknown) => [value ?? []].flat().map(String);

/** The form's values from a saved template. */
export function templateValues(template: Template): Record<string, unknown> {
  return {
    name: template.name,
    funder: template.funder,
    periodKind: template.periodKind,
    prisonIds: template.prisonIds,
    areaIds: template.areaIds,
    ageBands: template.ageBands,
    sentenceMinMonths: template.sentenceMinMonths ?? '',
    sentenceMaxMonths: template.sentenceMaxMonths ?? '',
    figures: template.figures,
    active: template.active ? 'yes' : '',
    version: template.version,
  };
}

export function templateFormPage(props: { form: FormState; options: Pick<FilterOptions, 'prisons' | 'areas'>; template?: Template }) {
  const { form, options, template } = props;
  const items = (name: string, choices: { value: string; text: string; hint?: { text: string } }[]) => {
    const chosen = asList(form.values[name]);
    return choices.map((choice) => ({ ...choice, checked: chosen.includes(choice.value) }));
  };
  return {
    pageTitle: template ? `Change ${template.name}` : 'Add a return template',
    action: template ? `${FUNDER_RETURNS_PATH}/templates/${template.id}` : `${FUNDER_RETURNS_PATH}/templates/new`,
    template,
    form,
    periodKinds: PERIOD_KINDS.map((kind) => ({ value: kind.code, text: kind.label, checked: form.values.periodKind === kind.code })),
    prisons: items('prisonIds', options.prisons.map((prison) => ({ value: prison.id, text: prison.name }))),
    areas: items('areaIds', options.areas.map((area) => ({ value: area.id, text: area.name }))),
    ageBands: items('ageBands', allBands(AGE_BANDS).map((band) => ({ value: band.code, text: band.label }))),
    figureGroups: figuresByReport().map((group, index) => ({
      legend: group.label,
      idPrefix: index === 0 ? 'figures' : `figures-${group.report}`,
      items: items('figures', group.figures.map((figure) => ({ value: figure.code, text: figure.label, hint: { text: figure.definition } }))),
    })),
  };
}
