import { referenceOf } from './comparisons.ts';
import { MIN_GENDER } from './covariates.ts';
import type { ReturnReport } from './report.ts';
import { MILESTONE_WEEKS } from './survival.ts';

/**
 * How every figure of the analysis is made, in words: shown on the page under "How the figures are
 * counted" and given in the JSON, so that an analyst can redo each figure from the research extract.
 */
export function methodNotes(report: ReturnReport): { topic: string; text: string }[] {
  const { windowDays, comparison, minGroup, minAdjusted } = report;
  const reference = referenceOf(comparison);
  return [
    {
      topic: 'Who is included',
      text: `Sign-ups whose day of liberation is in the period and that match the filters: each liberation counts once, so a person liberated twice in the period is counted twice. Groups: ${comparison.groups.map((group) => `“${group.label}”: ${group.who}`).join('; ')}.`,
    },
    {
      topic: 'Returns and follow-up',
      text: 'Returns come from the prison service’s extracts. A person is followed up to the date of the latest extract that has a row for them (with or without an admission). Each admission belongs to the person’s latest liberation on or before it; the first admission after a liberation is its return, so a second return belongs to the second liberation, and an admission before any recorded liberation counts nowhere. Admissions marked entered in error count nowhere. A liberation whose person is in no extract taken on or after it is left out.',
    },
    {
      topic: 'The window',
      text: `A return counts when it came within ${windowDays} days of liberation (the day of liberation is day 0; day ${windowDays} is included). The rates count only liberations whose whole window had passed by the extract’s date; the others are left out of the rates and counted in “Who is counted”.`,
    },
    {
      topic: 'Rates and their intervals',
      text: `Returned within the window out of the liberations followed for the whole window, with Wilson score 95% intervals. Rates, intervals and tests are shown only when every group has at least ${minGroup} liberations followed for the whole window (the programme’s setting).`,
    },
    {
      topic: 'Differences and tests',
      text: `Each group’s rate minus that of “${reference.label}”, in percentage points, with Newcombe’s hybrid score 95% interval (method 10). The two-proportion z test is pooled and without continuity correction (the same p as Pearson’s chi-square on 1 degree of freedom); Fisher’s exact test is two-sided, summing the probabilities of every table with the same margins no more likely than the one observed. The sentence in words uses the z test at the 5% level. A difference that is statistically significant does not by itself show the programme caused it: the groups may differ in other ways.`,
    },
    {
      topic: 'Time to return',
      text: `Kaplan–Meier estimates of the share not yet returned, by days from liberation, over every followed liberation. Time ends at the first return, or is censored at the end of the window or the extract’s date, whichever comes first. A censoring on the same day as a return counts as still at risk that day. Standard errors by Greenwood’s formula; 95% intervals by the log(−log) method (none where the share is 0% or 100%). The weeks table reads the curve at the end of day ${MILESTONE_WEEKS.map((week) => week * 7).join(', ')} (weeks ${MILESTONE_WEEKS.join(', ')}), where within the window. The median is the first day on which the share not returned is 50% or less.`,
    },
    {
      topic: 'The log-rank test',
      text: 'Compares the groups’ whole curves: observed and expected returns each day from the hypergeometric distribution, with the usual correction for ties (several returns on one day), giving a chi-square on one degree of freedom fewer than the number of groups.',
    },
    {
      topic: 'The Cox model',
      text: `Time to return (as for Kaplan–Meier) modelled on the comparison’s groups (against “${reference.label}”), age at liberation in years, gender (each recorded gender with at least ${MIN_GENDER} liberations, against the most common), previous sentences and sentence length in months. Proportional hazards, Efron’s method for tied days, fitted by Newton–Raphson; hazard ratios with Wald 95% intervals and p values. A hazard ratio below 1 means returning more slowly than the reference. Liberations without an age or with a rarer gender are left out. Made only when every group has at least ${minAdjusted} liberations.`,
    },
    {
      topic: 'The matched comparison',
      text: `As the Justice Data Lab makes it, for two groups over the liberations followed for the whole window: a propensity score for being in “${comparison.groups[0]?.label}” from a logistic model on the same characteristics; each of those liberations, taken in order of their record ids (effectively random), matched to the unused liberation of “${reference.label}” nearest on the logit of the score, 1 to 1 without replacement, within a caliper of 0.2 standard deviations of the logit (both groups together); liberations with no match within the caliper are left out. Balance: standardised differences (for a proportion, the difference over the root of the mean of p(1 − p); for a number, over the root of the mean of the two sample variances), before matching and in the matched groups (each with its own variances); under 0.1 is usually taken as balanced. The matched rates have Wilson intervals and their difference Newcombe’s interval, which treats the groups as independent and so is a little wide for matched pairs. Made only when each group has at least ${minAdjusted} liberations (the Justice Data Lab’s minimum).`,
    },
    {
      topic: 'Downloads',
      text: 'In CSV and XLSX downloads, a row with a count of fewer than 5 people has those counts and the figures worked out from them withheld, shown as [c], so no one can be identified.',
    },
  ];
}
