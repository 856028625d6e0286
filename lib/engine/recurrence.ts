/**
 * Dates of a recurring maintenance series: every N weeks (on the start date's
 * weekday), every N months (on the start date's day, or the month's last day when it
 * is shorter), or every N months on the start date's n-th weekday ("second Tuesday";
 * a fifth weekday that a month lacks becomes its last one). Plain dates in, plain
 * dates out (YYYY-MM-DD, calendar days; no clock, no zones).
 */

export type Frequency = "weekly" | "monthly" | "monthly_weekday";

export interface RecurrenceRule {
  frequency: Frequency;
  /** Every this many weeks or months (≥ 1). */
  every: number;
  startsOn: string;
  /** Last day a visit may fall on; null = no end. */
  endsOn: string | null;
}

const DAY_MS = 86_400_000;
const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysInMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

function nthWeekday(y: number, m0: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(y, m0, 1)).getUTCDay();
  let day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  while (day > daysInMonth(y, m0)) day -= 7;
  return fromUtc(Date.UTC(y, m0, day));
}

/**
 * The series' dates within [from, to] (inclusive), in order.
 *
 * @example
 * occurrences({ frequency: "monthly_weekday", every: 1, startsOn: "2026-12-08", endsOn: null }, "2026-12-01", "2027-02-28")
 * // ["2026-12-08", "2027-01-12", "2027-02-09"]  (second Tuesdays)
 */
export function occurrences(rule: RecurrenceRule, from: string, to: string): string[] {
  const every = Math.max(1, Math.floor(rule.every));
  const last = rule.endsOn && rule.endsOn < to ? rule.endsOn : to;
  const out: string[] = [];
  if (last < rule.startsOn || last < from) return out;
  if (rule.frequency === "weekly") {
    const step = every * 7 * DAY_MS;
    const start = toUtc(rule.startsOn);
    const skip = Math.max(0, Math.ceil((toUtc(from) - start) / step));
    for (let t = start + skip * step; t <= toUtc(last); t += step) out.push(fromUtc(t));
    return out;
  }
  const s = new Date(toUtc(rule.startsOn));
  const y0 = s.getUTCFullYear();
  const m0 = s.getUTCMonth();
  const dom = s.getUTCDate();
  const weekday = s.getUTCDay();
  const n = Math.ceil(dom / 7);
  for (let k = 0; ; k += every) {
    const y = y0 + Math.floor((m0 + k) / 12);
    const m = (m0 + k) % 12;
    const date = rule.frequency === "monthly" ? fromUtc(Date.UTC(y, m, Math.min(dom, daysInMonth(y, m)))) : nthWeekday(y, m, weekday, n);
    if (date > last) break;
    if (date >= from) out.push(date);
  }
  return out;
}

/**
 * "every 2 weeks on Tuesday", "every month on day 31 (or the month's last day)", "every 3 months on the second Tuesday".
 *
 * @example describeRecurrence({ frequency: "weekly", every: 2, startsOn: "2026-12-08", endsOn: null }) // "every 2 weeks on Tuesday"
 */
export function describeRecurrence(rule: RecurrenceRule): string {
  const s = new Date(toUtc(rule.startsOn));
  const weekday = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][s.getUTCDay()];
  const every = rule.every === 1 ? (rule.frequency === "weekly" ? "every week" : "every month") : `every ${rule.every} ${rule.frequency === "weekly" ? "weeks" : "months"}`;
  const until = rule.endsOn ? ` until ${rule.endsOn}` : "";
  if (rule.frequency === "weekly") return `${every} on ${weekday}${until}`;
  if (rule.frequency === "monthly") {
    const dom = s.getUTCDate();
    return `${every} on day ${dom}${dom > 28 ? " (or the month's last day)" : ""}${until}`;
  }
  const n = Math.ceil(s.getUTCDate() / 7);
  return `${every} on the ${["first", "second", "third", "fourth", "last"][n - 1]} ${weekday}${until}`;
}
