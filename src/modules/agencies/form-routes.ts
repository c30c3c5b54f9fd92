import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { listChoices } from '../settings/lists.ts';
import { referenceEntries } from '../reference/service.ts';
import { AGREEMENT_KINDS, SERVICE_STATUSES } from '../../db/schema/agencies.ts';
import { findAgreement, markAgreementInError, saveAgreement } from './agreements.ts';
import { findOrganisation, findService, organisationPhone, saveOrganisation, saveService, serviceProblems } from './directory.ts';
import { findLocation, saveLocation } from './locations.ts';
import { checkboxItems, ctxOf, directoryForm, paramsOf } from './form-route.ts';
import { agreementForm, AGREEMENT_KIND_WORDS, enteredInErrorForm, locationForm, organisationForm, serviceForm, SERVICE_STATUS_WORDS } from './schemas.ts';
import { serviceFormValues } from './search.ts';

const ORGANISATION = '/agencies/organisations/:organisationId';
const organisationHref = (request: FastifyRequest) => `/agencies/organisations/${paramsOf(request).organisationId}`;
const radioItems = (words: Record<string, string>, values: readonly string[], chosen: unknown) =>
  values.map((value) => ({ value, text: words[value], checked: value === chosen }));

/** The choices on a service form: the need domains, the programme's local authorities, the organisation's locations. */
async function serviceChoices(request: FastifyRequest, values: Record<string, unknown>) {
  const ctx = ctxOf(request);
  const p = ctx.actor.programmeId;
  const [domains, authorities, locations] = await Promise.all([
    listChoices(ctx, 'need_domain', values.needDomains),
    referenceEntries(ctx, 'local_authority', values.localAuthorities),
    ctx.db
      .selectFrom('agency_location')
      .select(['id', 'name'])
      .where('programme_id', '=', p)
      .where('organisation_id', '=', paramsOf(request).organisationId ?? '')
      .orderBy('name')
      .execute(),
  ]);
  return {
    statusItems: radioItems(SERVICE_STATUS_WORDS, SERVICE_STATUSES, values.status),
    domainItems: checkboxItems(
      domains.map((d) => ({ value: d.code, text: d.label })),
      values.needDomains,
    ),
    authorityItems: checkboxItems(
      authorities.map((a) => ({ value: a.id, text: a.name })),
      values.localAuthorities,
    ),
    locationItems: checkboxItems(
      locations.map((l) => ({ value: l.id, text: l.name })),
      values.locations,
    ),
  };
}

export function agencyFormRoutes(app: FastifyInstance) {
  for (const url of ['/agencies/organisations/new', `${ORGANISATION}/change`]) {
    directoryForm(app, {
      url,
      template: 'agencies/views/organisation-form.njk',
      schema: organisationForm,
      load: async (request) => {
        const { organisationId } = paramsOf(request);
        if (!organisationId) return { title: 'Add an organisation', backHref: '/agencies', values: { active: 'yes' } };
        const row = await findOrganisation(ctxOf(request), organisationId);
        const phone = await organisationPhone(ctxOf(request), organisationId);
        const values = {
          name: row.name,
          description: row.description,
          email: row.email ?? '',
          website: row.website ?? '',
          phone: phone ?? '',
          active: row.active ? 'yes' : 'no',
          inactiveReason: row.inactive_reason ?? '',
          version: row.version,
        };
        return { title: `Change ${row.name}`, backHref: organisationHref(request), values };
      },
      save: async (request, input) => {
        const { organisationId } = paramsOf(request);
        const id = await saveOrganisation(ctxOf(request), { organisationId, input });
        return { redirectTo: `/agencies/organisations/${id}`, success: organisationId ? 'Organisation changed' : `${input.name} added to the directory` };
      },
    });
  }

  for (const url of [`${ORGANISATION}/services/new`, `${ORGANISATION}/services/:serviceId`]) {
    directoryForm(app, {
      url,
      template: 'agencies/views/service-form.njk',
      schema: serviceForm,
      dates: ['lastCheckedOn'],
      load: async (request) => {
        const ctx = ctxOf(request);
        const { organisationId = '', serviceId } = paramsOf(request);
        const organisation = await findOrganisation(ctx, organisationId);
        const view = (values: Record<string, unknown>) => serviceChoices(request, values).then((choices) => ({ ...choices, organisation }));
        if (!serviceId)
          return {
            title: 'Add a service',
            backHref: organisationHref(request),
            view,
            values: { status: 'active', ...todaysDateParts('lastCheckedOn', ctx.actor.timeZone) },
          };
        const row = await findService(ctx, organisationId, serviceId);
        const values = {
          name: row.name,
          description: row.description ?? '',
          status: row.status,
          eligibility: row.eligibility_description ?? '',
          minimumAge: row.minimum_age ?? '',
          maximumAge: row.maximum_age ?? '',
          ...datePartsOf('lastCheckedOn', row.last_checked_on),
          ...(await serviceFormValues(ctx, serviceId)),
          version: row.version,
        };
        return { title: `Change ${row.name}`, backHref: organisationHref(request), view, values };
      },
      check: (request, data) => serviceProblems(ctxOf(request), paramsOf(request).organisationId ?? '', data, paramsOf(request).serviceId),
      save: async (request, input) => {
        const { organisationId = '', serviceId } = paramsOf(request);
        await saveService(ctxOf(request), { organisationId, serviceId, input });
        return { redirectTo: organisationHref(request), success: serviceId ? 'Service changed' : `${input.name} added` };
      },
    });
  }

  for (const url of [`${ORGANISATION}/locations/new`, `${ORGANISATION}/locations/:locationId`]) {
    directoryForm(app, {
      url,
      template: 'agencies/views/location-form.njk',
      schema: locationForm,
      load: async (request) => {
        const { organisationId = '', locationId } = paramsOf(request);
        const organisation = await findOrganisation(ctxOf(request), organisationId);
        const view = () => ({ organisation });
        if (!locationId) return { title: 'Add a location', backHref: organisationHref(request), view, values: {} };
        const row = await findLocation(ctxOf(request), organisationId, locationId);
        const values = {
          name: row.name,
          address1: row.address_1,
          address2: row.address_2 ?? '',
          city: row.city,
          region: row.state_province,
          postcode: row.postal_code,
          version: row.version,
        };
        return { title: `Change ${row.name}`, backHref: organisationHref(request), view, values };
      },
      save: async (request, input) => {
        const { organisationId = '', locationId } = paramsOf(request);
        await saveLocation(ctxOf(request), { organisationId, locationId, input });
        return { redirectTo: organisationHref(request), success: locationId ? 'Location changed' : `${input.name} added` };
      },
    });
  }

  for (const url of [`${ORGANISATION}/agreements/new`, `${ORGANISATION}/agreements/:agreementId`]) {
    directoryForm(app, {
      url,
      template: 'agencies/views/agreement-form.njk',
      schema: agreementForm,
      dates: ['startsOn', 'endsOn'],
      load: async (request) => {
        const { organisationId = '', agreementId } = paramsOf(request);
        const organisation = await findOrganisation(ctxOf(request), organisationId);
        const view = (values: Record<string, unknown>) => ({ organisation, kindItems: radioItems(AGREEMENT_KIND_WORDS, AGREEMENT_KINDS, values.kind) });
        if (!agreementId) return { title: 'Add an agreement', backHref: organisationHref(request), view, values: {} };
        const row = await findAgreement(ctxOf(request), organisationId, agreementId);
        const values = {
          kind: row.kind,
          ...datePartsOf('startsOn', row.starts_on),
          ...datePartsOf('endsOn', row.ends_on),
          contactName: row.contact_name ?? '',
          contactEmail: row.contact_email ?? '',
          documentReference: row.document_reference ?? '',
          notes: row.notes ?? '',
          version: row.version,
        };
        return { title: 'Change the agreement', backHref: organisationHref(request), view, values };
      },
      save: async (request, input) => {
        const { organisationId = '', agreementId } = paramsOf(request);
        await saveAgreement(ctxOf(request), { organisationId, agreementId, input });
        return { redirectTo: organisationHref(request), success: agreementId ? 'Agreement changed' : 'Agreement added' };
      },
    });
  }

  directoryForm(app, {
    url: `${ORGANISATION}/agreements/:agreementId/entered-in-error`,
    template: 'agencies/views/in-error.njk',
    schema: enteredInErrorForm,
    load: async (request) => {
      const { organisationId = '', agreementId = '' } = paramsOf(request);
      const organisation = await findOrganisation(ctxOf(request), organisationId);
      const row = await findAgreement(ctxOf(request), organisationId, agreementId);
      const agreement = { kindText: AGREEMENT_KIND_WORDS[row.kind], startsOn: row.starts_on, endsOn: row.ends_on };
      return {
        title: 'Mark the agreement entered in error',
        backHref: organisationHref(request),
        view: () => ({ organisation, agreement }),
        values: { version: row.version },
      };
    },
    save: async (request, { reason, version }) => {
      const { organisationId = '', agreementId = '' } = paramsOf(request);
      await markAgreementInError(ctxOf(request), { organisationId, agreementId, reason, version });
      return { redirectTo: organisationHref(request), success: 'Agreement marked entered in error' };
    },
  });
}
