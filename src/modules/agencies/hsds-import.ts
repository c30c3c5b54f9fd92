import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { writeDirectory } from './hsds-write.ts';
import { hsdsDirectory, NEED_DOMAIN_TAXONOMY, type HsdsDirectory, type HsdsService } from './hsds-schema.ts';

/*
 * Importing a directory: checked whole by the HSDS schema and against the programme (need domain
 * codes, local authorities by name, a service's locations among its organisation's), then written
 * in one transaction or not at all. The file's ids are kept, so importing a directory again updates
 * the same records. What a file gives of an organisation or service replaces its phones, contacts,
 * need domains, areas and locations served; organisations, services and locations are never
 * removed by an import.
 */

/** At most this many problems are listed (the rest are counted). */
const MAX_PROBLEMS = 25;

const where = (path: PropertyKey[]) =>
  path
    .map((part) => (typeof part === 'number' ? `[${part + 1}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '')
    .replace(/^\[(\d+)\]/, 'organization $1') || 'the file';

const problem = (path: PropertyKey[], message: string): FieldProblem => ({ field: 'file', message: `${where(path)}: ${message}` });

/** The need domains a service's attributes name (those of Throughcare's taxonomy). */
const needDomainsOf = (service: HsdsService) =>
  service.attributes.flatMap((attribute, index) =>
    attribute.taxonomy_term?.taxonomy === NEED_DOMAIN_TAXONOMY ? [{ id: attribute.id, code: attribute.taxonomy_term.code ?? '', index }] : [],
  );

/** Checks a parsed directory against the programme; every problem, with where it is. */
async function directoryProblems(ctx: SignedInCtx, directory: HsdsDirectory) {
  const p = ctx.actor.programmeId;
  const [domains, authorities] = await Promise.all([
    ctx.db.selectFrom('choice').select('code').where('programme_id', '=', p).where('list', '=', 'need_domain').where('active', '=', true).execute(),
    ctx.db.selectFrom('local_authority').select(['id', 'name']).where('programme_id', '=', p).execute(),
  ]);
  const knownDomains = new Set(domains.map((d) => d.code));
  const authorityByName = new Map(authorities.map((a) => [a.name.toLowerCase(), a.id]));
  const problems: FieldProblem[] = [];
  const seen = new Map<string, string>();
  const once = (id: string, path: PropertyKey[]) => {
    const before = seen.get(id);
    if (before !== undefined) problems.push(problem(path, `the id ${id} is used again (first at ${before})`));
    else seen.set(id, where(path));
  };
  directory.forEach((organisation, o) => {
    once(organisation.id, [o, 'id']);
    const locations = new Set(organisation.locations.map((l) => l.id));
    organisation.locations.forEach((location, l) => once(location.id, [o, 'locations', l, 'id']));
    organisation.services.forEach((service, s) => {
      const at = [o, 'services', s];
      once(service.id, [...at, 'id']);
      const codes = new Set<string>();
      for (const domain of needDomainsOf(service)) {
        const path = [...at, 'attributes', domain.index, 'taxonomy_term', 'code'];
        if (!knownDomains.has(domain.code)) problems.push(problem(path, `“${domain.code}” is not one of the programme’s need domains`));
        else if (codes.has(domain.code)) problems.push(problem(path, `“${domain.code}” is given twice`));
        codes.add(domain.code);
        once(domain.id, [...at, 'attributes', domain.index, 'id']);
      }
      const names = new Set<string>();
      service.service_areas.forEach((area, a) => {
        const name = area.name.toLowerCase();
        if (!authorityByName.has(name))
          problems.push(problem([...at, 'service_areas', a, 'name'], `“${area.name}” is not one of the programme’s local authorities`));
        else if (names.has(name)) problems.push(problem([...at, 'service_areas', a, 'name'], `“${area.name}” is given twice`));
        names.add(name);
        once(area.id, [...at, 'service_areas', a, 'id']);
      });
      const places = new Set<string>();
      service.service_at_locations.forEach((place, i) => {
        const path = [...at, 'service_at_locations', i, 'location_id'];
        if (!locations.has(place.location_id)) problems.push(problem(path, 'is not one of this organization’s locations'));
        else if (places.has(place.location_id)) problems.push(problem(path, 'is given twice'));
        places.add(place.location_id);
        once(place.id, [...at, 'service_at_locations', i, 'id']);
      });
    });
    const contacts = [
      ...organisation.contacts.map((c, i) => ({ c, path: [o, 'contacts', i] })),
      ...organisation.services.flatMap((s, si) => s.contacts.map((c, i) => ({ c, path: [o, 'services', si, 'contacts', i] }))),
    ];
    for (const { c, path } of contacts) {
      once(c.id, [...path, 'id']);
      c.phones.forEach((ph, i) => once(ph.id, [...path, 'phones', i, 'id']));
    }
    organisation.phones.forEach((ph, i) => once(ph.id, [o, 'phones', i, 'id']));
  });
  return { problems, authorityByName };
}

/** Reads and checks a directory file's JSON: the directory, or every problem found (as the error summary lists them). */
export function parseDirectoryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throwProblems([{ field: 'file', message: 'The file is not JSON: choose an HSDS JSON file or a zip of HSDS CSV tables' }]);
    return undefined;
  }
}

/** Imports a directory (parsed JSON, or tables gathered from CSV) into the programme, all or nothing. */
export async function importDirectory(ctx: SignedInCtx, data: unknown): Promise<{ organisations: number; services: number }> {
  const parsed = hsdsDirectory.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => problem(issue.path, issue.message));
    throwProblems(capped(problems));
  }
  const directory = parsed.data as HsdsDirectory;
  return inTransaction(ctx, async (tx) => {
    const { problems, authorityByName } = await directoryProblems(tx, directory);
    throwProblems(capped(problems));
    await writeDirectory(tx, directory, authorityByName);
    const counts = { organisations: directory.length, services: directory.reduce((n, o) => n + o.services.length, 0) };
    await audit(tx, { action: 'update', recordType: 'agency-directory', detail: { imported: counts } });
    return counts;
  });
}

const capped = (problems: FieldProblem[]) =>
  problems.length <= MAX_PROBLEMS
    ? problems
    : [...problems.slice(0, MAX_PROBLEMS), { field: 'file', message: `and ${problems.length - MAX_PROBLEMS} more problems` }];
