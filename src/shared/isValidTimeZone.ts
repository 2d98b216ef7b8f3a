// Whether the runtime knows an IANA time-zone name: for the user's zone setting (usage/calendar) and a query's
// time_zone (api/analytics) alike.

export function isValidTimeZone(name: string): boolean {
  if (name.trim() === '') {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
