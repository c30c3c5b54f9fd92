import { posix } from 'node:path';
import type yauzl from 'yauzl';
import { SpreadsheetError } from './errors.ts';
import { elementAttributes } from './xml-attributes.ts';
import { refuseDocumentTypes } from './xml-prolog.ts';
import { readTextPart, type ZipArchive } from './zip.ts';

export const WORKBOOK_PATH = 'xl/workbook.xml';
export const WORKBOOK_RELATIONSHIPS_PATH = 'xl/_rels/workbook.xml.rels';

/** A worksheet: its name on its tab, and its part of the zip. */
export interface WorksheetPart {
  name: string;
  part: yauzl.Entry;
}

/** The parts of an Excel workbook that reading one of its sheets needs. */
export interface WorkbookParts {
  /** The workbook's index: its sheets, and whether its dates count from 1900 or 1904. */
  workbook: yauzl.Entry;
  /** Where each of its parts is. */
  relationships: yauzl.Entry;
  /** Its worksheets in the order of their tabs (chart sheets left out). */
  sheets: [WorksheetPart, ...WorksheetPart[]];
  /** The text that cells share (absent when every cell holds its own). */
  sharedStrings?: yauzl.Entry;
  /** Number formats, which say which numbers are dates. */
  styles?: yauzl.Entry;
}

/**
 * Finds the sheets of an Excel workbook from its two small index parts, xl/workbook.xml (names, in
 * tab order) and its relationships (where each one is), without unpacking any sheet. A zip without
 * xl/workbook.xml is not a workbook (a Word document, a folder of photos). A workbook whose XML
 * declares a document type (external entities, entity expansion) is refused as damaged first.
 */
export async function workbookParts(archive: ZipArchive): Promise<WorkbookParts> {
  const workbook = archive.parts.get(WORKBOOK_PATH);
  if (!workbook) throw SpreadsheetError.of('not-a-spreadsheet');
  await refuseDocumentTypes(archive);
  const relationships = archive.parts.get(WORKBOOK_RELATIONSHIPS_PATH);
  if (!relationships) throw SpreadsheetError.of('damaged');
  const targets = new Map(
    elementAttributes(await readTextPart(archive, relationships), 'Relationship').map((r) => [
      r.Id,
      { type: r.Type ?? '', part: archive.parts.get(partPath(r.Target ?? '')) },
    ]),
  );
  const partOfType = (type: string) => [...targets.values()].find((target) => target.type.endsWith(`/${type}`) && target.part)?.part;
  const [first, ...others] = elementAttributes(await readTextPart(archive, workbook), 'sheet').flatMap((sheet) => {
    const target = targets.get(relationshipId(sheet));
    return target?.part && target.type.endsWith('/worksheet') && sheet.name ? [{ name: sheet.name, part: target.part }] : [];
  });
  if (!first) throw SpreadsheetError.of('damaged');
  return { workbook, relationships, sheets: [first, ...others], sharedStrings: partOfType('sharedStrings'), styles: partOfType('styles') };
}

/** The r:id attribute of a sheet (whatever prefix the workbook gives the relationships namespace). */
function relationshipId(sheet: Record<string, string>): string | undefined {
  return Object.entries(sheet).find(([name]) => /^[\w.-]+:id$/.test(name))?.[1];
}

/** A relationship's target as a path in the zip: relative to xl/, or from the root when it starts with '/'. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}
