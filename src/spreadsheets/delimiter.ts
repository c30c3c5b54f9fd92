/** What separates the values of a CSV file: commas, semicolons (Excel in much of Europe) or tabs. */
export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 20;

/**
 * The delimiter of a CSV file, judged from its first records (`sample`: the start of the file):
 * the one found the same number of times, outside quotes, on the most records. A title line with
 * no delimiter, or values holding decimal commas, do not mislead it. Commas when there is no sign
 * of any (a file of one column).
 */
export function detectDelimiter(sample: string): Delimiter {
  const counts = recordCounts(sample);
  let best: { delimiter: Delimiter; records: number } = { delimiter: ',', records: 0 };
  for (const delimiter of DELIMITERS) {
    const records = recordsAgreeing(counts.map((count) => count[delimiter]));
    if (records > best.records) best = { delimiter, records };
  }
  return best.delimiter;
}

type Counts = Record<Delimiter, number>;

/** How often each delimiter appears outside quotes in each of the first records that have any text (the last perhaps cut short). */
function recordCounts(sample: string): Counts[] {
  const records: Counts[] = [];
  let current: Counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let blank = true;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === '\n') {
      if (!blank) records.push(current);
      if (records.length === SAMPLE_RECORDS) break;
      current = { ',': 0, ';': 0, '\t': 0 };
      blank = true;
    } else if (char === ',' || char === ';' || char === '\t') {
      current[char]++;
    } else if (char.trim() !== '') {
      blank = false;
    }
  }
  if (!blank && records.length < SAMPLE_RECORDS) records.push(current);
  return records;
}

/** How many records share the most common non-zero count. */
function recordsAgreeing(counts: number[]): number {
  const records = new Map<number, number>();
  for (const count of counts) if (count > 0) records.set(count, (records.get(count) ?? 0) + 1);
  return Math.max(0, ...records.values());
}
