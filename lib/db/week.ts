import type { ClockSlotBlock, ClockSpan } from "@/components/board/slot-bands";
import type { Queryable } from "@/lib/db/client";
import { loadCompanySettings, type CompanySettings } from "@/lib/db/board";
import { addDays, weekdayOf } from "@/lib/time/calendar-date";
import { dayRange, zonedToUtc } from "@/lib/time/zoned-time";

/** One technician's load on one day of the week. */
export interface WeekDayLoad {
  /** YYYY-MM-DD in the company's time zone */
  date: string;
  /** Length of that day's shift; 0 when the technician does not work that day. */
  shiftMinutes: number;
  /** Minutes of that shift lost to approved time off. */
  timeOffMinutes: number;
  /** Minutes of visits that day, as crew leader or helper. */
  bookedMinutes: number;
  /** Visits that day, as crew leader or helper. */
  visits: number;
  /** The shift by the clock that day; null when the technician does not work. */
  shift: ClockSpan | null;
}

export interface WeekTechnician {
  id: string;
  name: string;
  /** Seven days, Monday first. */
  days: WeekDayLoad[];
}

export interface BoardWeek {
  /** The Monday the week starts on. */
  start: string;
  /** Monday … Sunday */
  days: string[];
  company: CompanySettings;
  technicians: WeekTechnician[];
  /** The company's slot template on each day (fixed blocks and flex slots), Monday first. */
  slotBlocks: ClockSlotBlock[][];
}

/**
 * The Monday of the week a date falls in.
 *
 * @example weekStartOf("2026-11-26") // "2026-11-23"
 */
export function weekStartOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

const ms = (v: unknown): number => new Date(v as string | Date).getTime();
const overlapMinutes = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)) / 60000;

/**
 * Booked against shift hours per active technician per day, for the week (Monday to
 * Sunday, in the company's time zone) that contains `date`. Five queries whatever the
 * size of the company — the week's visits in one — and the slot template, grouped here. Row-level security
 * decides what the caller may see: another company's week comes back null.
 */
export async function loadBoardWeek(tx: Queryable, orgId: string, date: string): Promise<BoardWeek | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const tz = company.timeZone;
  const start = weekStartOf(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const ranges = days.map((d) => {
    const r = dayRange(d, tz);
    return { start: r.start.getTime(), end: r.end.getTime() };
  });
  const from = new Date(ranges[0].start).toISOString();
  const to = new Date(ranges[6].end).toISOString();

  const [techRows, shiftRows, offRows, visitRows, blockRows] = await Promise.all([
    tx.query<{ id: string; name: string }>("select id, name from public.technicians where org_id = $1 and active order by name, id", [orgId]),
    tx.query<{ technician_id: string; weekday: number; starts_at: string; ends_at: string }>(
      `select technician_id, weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at
         from public.technician_shifts where org_id = $1`,
      [orgId],
    ),
    tx.query<{ technician_id: string; starts_at: Date; ends_at: Date }>(
      "select technician_id, starts_at, ends_at from public.time_off where org_id = $1 and starts_at < $3 and ends_at > $2",
      [orgId, from, to],
    ),
    tx.query<{ leader_id: string; starts_at: Date; ends_at: Date; helper_ids: string[] | null }>(
      `select a.leader_id, a.starts_at, a.ends_at,
              array(select h.technician_id from public.assignment_helpers h where h.assignment_id = a.id) as helper_ids
         from public.assignments a
        where a.org_id = $1 and a.active and a.starts_at < $3 and a.ends_at > $2`,
      [orgId, from, to],
    ),
    tx.query<{ id: string; weekday: number; starts_at: string; ends_at: string; kind: "fixed" | "flex"; label: string }>(
      `select id, weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, kind, label
         from public.slot_blocks where org_id = $1 order by weekday, starts_at`,
      [orgId],
    ),
  ]);

  const loads = new Map<string, WeekDayLoad[]>();
  const shiftSpans = new Map<string, ({ start: number; end: number } | null)[]>();
  for (const t of techRows) {
    loads.set(
      t.id,
      days.map((d) => ({ date: d, shiftMinutes: 0, timeOffMinutes: 0, bookedMinutes: 0, visits: 0, shift: null })),
    );
    shiftSpans.set(t.id, days.map(() => null));
  }

  for (const s of shiftRows) {
    const week = loads.get(s.technician_id);
    if (!week) continue;
    const i = Number(s.weekday) - 1;
    // zonedToUtc per date: a shift on the day clocks change is an hour shorter or longer
    const span = { start: zonedToUtc(days[i], s.starts_at, tz).getTime(), end: zonedToUtc(days[i], s.ends_at, tz).getTime() };
    week[i].shiftMinutes = (span.end - span.start) / 60000;
    week[i].shift = { start: s.starts_at, end: s.ends_at };
    shiftSpans.get(s.technician_id)![i] = span;
  }

  for (const o of offRows) {
    const spans = shiftSpans.get(o.technician_id);
    if (!spans) continue;
    const week = loads.get(o.technician_id)!;
    spans.forEach((span, i) => {
      if (span) week[i].timeOffMinutes += overlapMinutes(span.start, span.end, ms(o.starts_at), ms(o.ends_at));
    });
  }

  for (const v of visitRows) {
    const s = ms(v.starts_at);
    const e = ms(v.ends_at);
    for (const techId of [v.leader_id, ...(v.helper_ids ?? [])]) {
      const week = loads.get(techId);
      if (!week) continue;
      ranges.forEach((r, i) => {
        const minutes = overlapMinutes(s, e, r.start, r.end);
        if (minutes > 0) {
          week[i].bookedMinutes += minutes;
          week[i].visits += 1;
        }
      });
    }
  }

  for (const week of loads.values()) {
    for (const d of week) d.timeOffMinutes = Math.min(d.timeOffMinutes, d.shiftMinutes);
  }
  return {
    start,
    days,
    company,
    technicians: techRows.map((t) => ({ id: t.id, name: t.name, days: loads.get(t.id)! })),
    slotBlocks: days.map((_, i) =>
      blockRows.filter((b) => Number(b.weekday) === i + 1).map((b) => ({ id: b.id, kind: b.kind, label: b.label, start: b.starts_at, end: b.ends_at })),
    ),
  };
}
