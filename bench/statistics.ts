/**
 * The statistics of the return-to-custody analysis at a national programme's size (numbers, not
 * pass/fail): a repeatable synthetic set of 150,000 liberations (days to return 0–365 with ties, about
 * 40% returned; two 0/1 characteristics, age 18–70, previous sentences 0–20, sentence length 1–48
 * months and engagement 0/1) and the median of 5 runs of each function the analysis calls on it.
 * Target: all of them together under ~400 ms. The results' fingerprints are printed so that a change
 * to the code can be checked to give the same answers.
 * Usage: npm run bench:statistics [-- --n 150000] [--runs 5]
 */
import { parseArgs } from 'node:util';
import {
  coxProportionalHazards,
  kaplanMeier,
  logisticRegression,
  logitCaliper,
  logRank,
  nearestNeighbourMatch,
  standardisedDifference,
  type CoxObservation,
} from '../src/stats/index.ts';
import { seededRandom } from '../src/stats/seeded-random.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '150000' }, runs: { type: 'string', default: '5' } } });
const N = Number(values.n);
const RUNS = Number(values.runs);
const TARGET_MS = 400;
const NAMES = ['Met at the gate', 'Gender: female', 'Age at liberation (years)', 'Previous sentences', 'Sentence length (months)', 'Engaged'];
const CHARACTERISTICS = NAMES.slice(0, 5);
const KINDS = ['binary', 'binary', 'continuous', 'continuous', 'continuous'] as const;

interface Liberation extends CoxObservation {
  id: number;
  group: string;
  engaged: 0 | 1;
  characteristics: number[];
}

/** Characteristics drawn independently; engagement and the daily chance of return depend on them. */
function syntheticLiberations(n: number): Liberation[] {
  const random = seededRandom(20_240_601);
  const draw = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return Array.from({ length: n }, (_, id) => {
    const gate = random() < 0.45 ? 1 : 0;
    const female = random() < 0.12 ? 1 : 0;
    const age = draw(18, 70);
    const previous = Math.min(20, Math.floor(-Math.log(1 - random()) * 4));
    const sentence = draw(1, 48);
    const engagedScore = -0.4 + 0.9 * gate + 0.3 * female + 0.015 * (age - 35) - 0.03 * previous;
    const engaged = random() < 1 / (1 + Math.exp(-engagedScore)) ? 1 : 0;
    const hazard = 0.0021 * Math.exp(-0.2 * gate + -0.3 * female - 0.02 * (age - 35) + 0.06 * previous - 0.005 * sentence - 0.25 * engaged);
    const toReturn = Math.floor(-Math.log(1 - random()) / hazard);
    const censoredAt = random() < 0.15 ? draw(0, 365) : 365;
    const event = toReturn <= censoredAt;
    const characteristics = [gate, female, age, previous, sentence];
    return {
      id,
      time: event ? toReturn : censoredAt,
      event,
      group: engaged ? 'engaged' : 'not-engaged',
      engaged,
      characteristics,
      covariates: [...characteristics, engaged],
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time of `runs` calls, after one warm-up call whose result is returned. */
function time<T>(run: () => T): { ms: number; result: T } {
  const result = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

const liberations = syntheticLiberations(N);
const events = liberations.filter((one) => one.event).length;
const distinctTimes = new Set(liberations.map((one) => one.time)).size;
console.log(`${N.toLocaleString('en-GB')} liberations, ${((100 * events) / N).toFixed(1)}% returned, ${distinctTimes} distinct days; median of ${RUNS} runs`);

const engaged = liberations.filter((one) => one.engaged === 1);
const notEngaged = liberations.filter((one) => one.engaged === 0);
const rows: [string, number, string][] = [];
const record = (name: string, ms: number, fingerprint: string) => rows.push([name, ms, fingerprint]);

const km = time(() => [kaplanMeier(engaged), kaplanMeier(notEngaged)]);
record('kaplanMeier (per group)', km.ms, km.result.map((curve) => `${curve.rows.length} rows, median ${curve.median}, S(end) ${curve.rows.at(-1)?.survival}`).join('; '));

const lr = time(() => logRank(liberations));
record('logRank', lr.ms, `chi² ${lr.result.chiSquare}`);

const cox = time(() => coxProportionalHazards(liberations, { ties: 'efron', names: NAMES }));
record('coxProportionalHazards (efron)', cox.ms, `${cox.result.iterations} iterations, logL ${cox.result.logLikelihood}, b ${cox.result.coefficients.map((c) => c.coefficient).join(' ')}`);

const logistic = time(() => logisticRegression(liberations.map((one) => ({ y: one.engaged, covariates: one.characteristics })), CHARACTERISTICS));
record('logisticRegression', logistic.ms, `${logistic.result.iterations} iterations, deviance ${logistic.result.deviance}, b ${logistic.result.coefficients.map((c) => c.coefficient).join(' ')}`);

const scored = liberations.map((one) => ({ id: one.id, engaged: one.engaged, logit: logistic.result.predictLogit(one.characteristics) }));
const treated = scored.filter((one) => one.engaged === 1);
const controls = scored.filter((one) => one.engaged === 0);
const matching = time(() => nearestNeighbourMatch(treated, controls, logitCaliper(treated, controls)));
const pairDistance = matching.result.pairs.reduce((sum, pair) => sum + pair.distance, 0);
record('logitCaliper + nearestNeighbourMatch', matching.ms, `${matching.result.pairs.length} pairs, Σ distance ${pairDistance}, first ${JSON.stringify(matching.result.pairs[0])}`);

const columns = (group: readonly Liberation[]) => CHARACTERISTICS.map((_, j) => group.map((one) => one.characteristics[j] as number));
const [treatedColumns, controlColumns] = [columns(engaged), columns(notEngaged)];
const balance = time(() => KINDS.map((kind, j) => standardisedDifference(treatedColumns[j] as number[], controlColumns[j] as number[], kind)));
record('standardisedDifference (5 characteristics)', balance.ms, balance.result.join(' '));

const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
for (const [name, ms] of rows) console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms`);
console.log(`${'total'.padEnd(44)} ${total.toFixed(1).padStart(9)} ms (target under ${TARGET_MS} ms)`);
console.log('\nResults (to compare before and after a change):');
for (const [name, , fingerprint] of rows) console.log(`  ${name}: ${fingerprint}`);
