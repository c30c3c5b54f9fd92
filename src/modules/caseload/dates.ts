/** Calendar arithmetic on 'YYYY-MM-DD' dates, for the caseload lists and the home page. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday to Sunday of the week containing `iso`. */
export function weekOf(iso: string): [string, string] {
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(iso, -weekday);
  return [monday, addDays(monday, 6)];
}
