/** The ISO date `days` business days (Monday to Friday, UTC) after the given instant. */
export function addBusinessDays(fromIso: string, days: number): string {
  const date = new Date(fromIso);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}
