import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import type { ExportedDirectory } from './hsds-export.ts';
import { SERVICE_HSDS_NAMES } from './hsds-fields.ts';

/*
 * HSDS 3.0's tabular form: a CSV file per object (the file names and columns of the
 * specification's datapackage.json), zipped. Written from the exported organizations, and read back
 * into the same nested shape, so that one schema checks both forms. These are exchange files, not
 * spreadsheets: values are written as they are (a phone number's leading + is kept).
 */

const TABLES = {
  'organizations.csv': ['id', 'name', 'description', 'email', 'website'],
  'services.csv': ['id', 'organization_id', ...SERVICE_HSDS_NAMES],
  'locations.csv': ['id', 'location_type', 'organization_id', 'name'],
  'addresses.csv': ['id', 'location_id', 'address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  'service_at_location.csv': ['id', 'service_id', 'location_id'],
  'service_areas.csv': ['id', 'service_id', 'name'],
  'contacts.csv': ['id', 'organization_id', 'service_id', 'name', 'title', 'email'],
  'phones.csv': ['id', 'organization_id', 'contact_id', 'number', 'type'],
  'attributes.csv': ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
  'taxonomy_terms.csv': ['id', 'code', 'name', 'description', 'taxonomy'],
} as const;
type TableName = keyof typeof TABLES;
type Record_ = Record<string, unknown>;

/** The exported organizations as HSDS CSV tables. */
function tablesOf(directory: ExportedDirectory): Record<TableName, Record_[]> {
  const services = directory.flatMap((o) => o.services);
  const contacts = [...directory.flatMap((o) => o.contacts), ...services.flatMap((s) => s.contacts)];
  const attributes = services.flatMap((s) => s.attributes);
  const terms = new Map(attributes.map((a) => [a.taxonomy_term.id, a.taxonomy_term]));
  return {
    'organizations.csv': directory,
    'services.csv': services,
    'locations.csv': directory.flatMap((o) => o.locations),
    'addresses.csv': directory.flatMap((o) => o.locations.flatMap((l) => l.addresses)),
    'service_at_location.csv': services.flatMap((s) => s.service_at_locations),
    'service_areas.csv': services.flatMap((s) => s.service_areas),
    'contacts.csv': contacts,
    'phones.csv': [
      ...directory.flatMap((o) => o.phones.map((ph) => ({ ...ph, organization_id: o.id }))),
      ...contacts.flatMap((c) => c.phones.map((ph) => ({ ...ph, organization_id: c.organization_id, contact_id: c.id }))),
    ],
    'attributes.csv': attributes,
    'taxonomy_terms.csv': [...terms.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The directory as a zip of HSDS CSV tables. */
export async function directoryZip(directory: ExportedDirectory): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const tables = tablesOf(directory);
  for (const [name, columns] of Object.entries(TABLES) as [TableName, readonly string[]][]) {
    const rows = tables[name].map((row) => columns.map((column) => row[column] ?? ''));
    zip.addBuffer(Buffer.from(stringify([columns, ...rows], { cast: { number: String } })), name, { mtime: new Date(Date.UTC(2000, 0, 1)) });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The CSV files of a zip, by name (just the file name, wherever it sits in the zip). */
async function unzip(bytes: Buffer): Promise<Map<string, string>> {
  const file = await yauzl.fromBufferPromise(bytes, { lazyEntries: true }).catch(() => {
    throw new ValidationError([{ field: 'file', message: 'The zip file is damaged and cannot be opened' }]);
  });
  const files = new Map<string, string>();
  let total = 0;
  for await (const entry of file.eachEntry()) {
    const name = entry.fileName.split('/').pop() ?? '';
    if (!(name in TABLES)) continue;
    total += entry.uncompressedSize;
    if (total > 50 * 1024 * 1024) throwProblems([{ field: 'file', message: 'The zip unpacks to more than 50 MB: split the directory' }]);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(name, Buffer.concat(chunks).toString('utf8'));
  }
  file.close();
  return files;
}

const NUMBERS = new Set(['minimum_age', 'maximum_age']);
/** A CSV cell as the JSON form has it: empty is null; an age that reads as a number is one (else the schema says what is wrong). */
const cell = (column: string, value: string): unknown => (value === '' ? null : NUMBERS.has(column) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);

/** A zip of HSDS CSV tables, gathered into nested organizations for the schema to check. */
export async function directoryFromZip(bytes: Buffer): Promise<Record_[]> {
  const files = await unzip(bytes);
  if (!files.has('organizations.csv')) throwProblems([{ field: 'file', message: 'The zip has no organizations.csv: it must hold HSDS CSV tables' }]);
  const problems: FieldProblem[] = [];
  const read = (name: TableName): Record_[] => {
    const text = files.get(name);
    if (text === undefined) return [];
    try {
      const records = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
      return records.map((record) => Object.fromEntries(Object.entries(record).map(([column, value]) => [column, cell(column, value)])));
    } catch {
      problems.push({ field: 'file', message: `${name} cannot be read as CSV` });
      return [];
    }
  };
  const group = (rows: Record_[], key: string) => (id: unknown) => rows.filter((row) => row[key] === id);
  const organisations = read('organizations.csv');
  const services = read('services.csv');
  const locations = read('locations.csv');
  const addresses = read('addresses.csv');
  const places = read('service_at_location.csv');
  const areas = read('service_areas.csv');
  const contacts = read('contacts.csv');
  const phones = read('phones.csv');
  const attributes = read('attributes.csv');
  const terms = read('taxonomy_terms.csv');
  const orphans = (name: string, rows: Record_[], key: string, parents: Record_[]) => {
    const ids = new Set(parents.map((p) => p.id));
    rows.forEach((row, i) => {
      if (row[key] !== null && !ids.has(row[key]))
        problems.push({ field: 'file', message: `${name} row ${i + 2}: ${key} ${String(row[key])} is not in the file` });
    });
  };
  orphans('services.csv', services, 'organization_id', organisations);
  orphans('locations.csv', locations, 'organization_id', organisations);
  orphans('contacts.csv', contacts, 'organization_id', organisations);
  throwProblems(problems);
  const termById = new Map(terms.map((t) => [t.id, t]));
  const phonesOf = group(phones, 'contact_id');
  const withPhones = (c: Record_) => ({ ...c, phones: phonesOf(c.id) });
  return organisations.map((o) => ({
    ...o,
    phones: phones.filter((ph) => ph.organization_id === o.id && ph.contact_id === null),
    contacts: contacts.filter((c) => c.organization_id === o.id && c.service_id === null).map(withPhones),
    locations: group(locations, 'organization_id')(o.id).map((l) => ({ ...l, addresses: group(addresses, 'location_id')(l.id) })),
    services: group(
      services,
      'organization_id',
    )(o.id).map((s) => ({
      ...s,
      service_areas: group(areas, 'service_id')(s.id),
      service_at_locations: group(places, 'service_id')(s.id),
      contacts: group(contacts, 'service_id')(s.id).map(withPhones),
      attributes: group(attributes, 'link_id')(s.id).map((a) => ({ ...a, taxonomy_term: termById.get(a.taxonomy_term_id) })),
    })),
  }));
}
