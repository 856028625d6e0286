/**
 * Zod schemas for single CSV cells. Each reads the trimmed text of a cell and
 * explains a refusal with what it expected and what it got, so a message reads
 * "must be a whole number of minutes, got 'ninety'".
 */
import { z } from "zod";
import { wallClock, zonedToUtc } from "@/lib/time/zoned-time";
import { isCalendarDate } from "@/lib/time/calendar-date";

type CellResult<T> = { ok: true; value: T } | { ok: false; error: string };

const accept = <T>(value: T): CellResult<T> => ({ ok: true, value });
const refuse = (error: string): CellResult<never> => ({ ok: false, error });

/** How a refused cell is quoted back: as typed, shortened when long. */
export function quoted(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 37)}…` : text}'`;
}

/** A cell schema from a reader of its trimmed text. */
export function cell<T>(read: (text: string) => CellResult<T>) {
  return z.string().transform((raw, ctx): T => {
    const r = read(raw.trim());
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    return r.value;
  });
}

/** Text that must be there. */
export const requiredText = (max: number) =>
  cell((s) => (s === "" ? refuse("is required") : s.length > max ? refuse(`must be at most ${max} characters, got ${s.length}`) : accept(s)));

/** Text that may be empty (null). */
export const optionalText = (max: number) =>
  cell((s) => (s === "" ? accept(null) : s.length > max ? refuse(`must be at most ${max} characters, got ${s.length}`) : accept(s)));

// the database's own rule for emails (see the technicians and customers tables)
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An email address, or empty (null). */
export const email = () =>
  cell((s) =>
    s === "" ? accept(null) : EMAIL.test(s) ? accept(s) : refuse(`must be an email address like name@example.com, got ${quoted(s)}`),
  );

/** "41.88", or "41,88" as spreadsheets in comma-decimal locales write it. */
function readDecimal(s: string): number | null {
  const text = /^-?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/** A latitude or longitude in degrees; empty is null, or refused when `required`. */
export const coordinate = (kind: "latitude" | "longitude", required = false) => {
  const limit = kind === "latitude" ? 90 : 180;
  return cell<number | null>((s) => {
    if (s === "") return required ? refuse(`is required (a ${kind} like ${kind === "latitude" ? "41.88" : "-87.63"})`) : accept(null);
    const n = readDecimal(s);
    if (n === null || n < -limit || n > limit) return refuse(`must be a ${kind} between -${limit} and ${limit}, got ${quoted(s)}`);
    return accept(n);
  });
};

/** A whole number of `unit` between min and max, or empty (null). */
export const wholeNumber = (unit: string, min: number, max: number) =>
  cell((s) => {
    if (s === "") return accept(null);
    if (!/^[-+]?\d+$/.test(s)) return refuse(`must be a whole number of ${unit}, got ${quoted(s)}`);
    const n = Number(s);
    if (n < min || n > max) return refuse(`must be between ${min} and ${max} ${unit}, got ${quoted(s)}`);
    return accept(n);
  });

/** A whole number (for ordering), or empty (null). */
export const integer = (min: number, max: number) =>
  cell((s) => {
    if (s === "") return accept(null);
    if (!/^[-+]?\d+$/.test(s) || Number(s) < min || Number(s) > max) return refuse(`must be a whole number from ${min} to ${max}, got ${quoted(s)}`);
    return accept(Number(s));
  });

const YES = new Set(["yes", "y", "true", "1", "x"]);
const NO = new Set(["no", "n", "false", "0"]);

/** yes / no (also y/n, true/false, 1/0), or empty (null). */
export const yesNo = () =>
  cell((s) => {
    const v = s.toLowerCase();
    if (v === "") return accept(null);
    if (YES.has(v)) return accept(true);
    if (NO.has(v)) return accept(false);
    return refuse(`must be yes or no, got ${quoted(s)}`);
  });

/**
 * A list written "HVAC; EPA-608" (or with commas): trimmed, blanks and repeats dropped.
 *
 * @example splitList(" HVAC; EPA-608;;HVAC ") // ["HVAC", "EPA-608"]
 */
export function splitList(s: string): string[] {
  return [...new Set(s.split(/[;,]/).map((x) => x.trim()).filter(Boolean))];
}

/** A list of names, at most `maxItems` of at most `maxLength` characters each. */
export const list = (what: string, maxItems: number, maxLength: number) =>
  cell((s) => {
    const items = splitList(s);
    if (items.length > maxItems) return refuse(`can have at most ${maxItems} ${what}, got ${items.length}`);
    const long = items.find((i) => i.length > maxLength);
    if (long) return refuse(`each of the ${what} is at most ${maxLength} characters, got ${quoted(long)}`);
    return accept(items);
  });

export const PRIORITY_WORDS: Record<string, 1 | 2 | 3 | 4> = { emergency: 1, high: 2, normal: 3, low: 4 };

/** 1–4 (also "P2"), or Emergency / High / Normal / Low, or empty (null). */
export const priority = () =>
  cell((s) => {
    if (s === "") return accept(null);
    const v = s.toLowerCase();
    const m = /^p?([1-4])$/.exec(v);
    if (m) return accept(Number(m[1]) as 1 | 2 | 3 | 4);
    if (PRIORITY_WORDS[v]) return accept(PRIORITY_WORDS[v]);
    return refuse(`must be 1-4 or Emergency, High, Normal, Low, got ${quoted(s)}`);
  });

const pad = (n: number) => String(n).padStart(2, "0");

/** A working day "08:00-16:30" as { start, end }, or empty / "off" (null = no shift that day). */
export const shift = () =>
  cell((s) => {
    if (s === "" || /^(off|-|—|–)$/i.test(s)) return accept(null);
    const m = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(s);
    const [h1, m1, h2, m2] = m ? m.slice(1).map(Number) : [];
    if (!m || h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) {
      return refuse(`must be a shift like 08:00-16:30 (empty for a day off), got ${quoted(s)}`);
    }
    if (h2 * 60 + m2 <= h1 * 60 + m1) return refuse(`must end after it starts, got ${quoted(s)}`);
    return accept({ start: `${pad(h1)}:${pad(m1)}`, end: `${pad(h2)}:${pad(m2)}` });
  });

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a date and time: local "2026-11-23 09:30" in `timeZone`, or ISO 8601 with
 * an offset ("2026-11-23T15:30:00Z"). Returns the UTC instant as ISO, or null.
 *
 * @example readDateTime("2026-11-23 09:30", "America/Chicago") // "2026-11-23T15:30:00.000Z"
 */
export function readDateTime(s: string, timeZone: string): string | null {
  const local = LOCAL.exec(s);
  if (local) {
    const [h, mi] = local.slice(4, 6).map(Number);
    const date = `${local[1]}-${local[2]}-${local[3]}`;
    if (!isCalendarDate(date) || h > 23 || mi > 59) return null;
    return zonedToUtc(date, `${pad(h)}:${pad(mi)}`, timeZone).toISOString();
  }
  if (WITH_OFFSET.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

/** A date and time in the company's zone or ISO 8601, or empty (null). */
export const dateTime = (timeZone: string) =>
  cell((s) => {
    if (s === "") return accept(null);
    const iso = readDateTime(s, timeZone);
    return iso ? accept(iso) : refuse(`must be a date and time like 2026-11-23 09:30 (${timeZone}) or ISO 8601, got ${quoted(s)}`);
  });

/**
 * An instant as the company's local "YYYY-MM-DD HH:MM" (what {@link readDateTime}
 * reads back); empty for null.
 *
 * @example writeDateTime("2026-11-23T15:30:00Z", "America/Chicago") // "2026-11-23 09:30"
 */
export function writeDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const w = wallClock(new Date(iso), timeZone);
  return `${w.date} ${pad(w.hour)}:${pad(w.minute)}`;
}
