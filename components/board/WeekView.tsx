import Link from "next/link";
import { SLOT_BAND_STYLE, stripPlacement, stripWindow, type ClockSlotBlock, type ClockSpan } from "@/components/board/slot-bands";
import type { BoardWeek, WeekDayLoad } from "@/lib/db/week";
import { formatDate } from "@/lib/time/calendar-date";

/** How full a day is: off (no shift, nothing booked), ok, busy (above the company's threshold), over (above 100%). */
export type LoadLevel = "off" | "ok" | "busy" | "over";

/**
 * How full a day (or week) is, against the company's capacity threshold (0–1).
 *
 * @example loadLevel(450, 480, 0.85) // "busy"
 */
export function loadLevel(bookedMinutes: number, availableMinutes: number, threshold: number): LoadLevel {
  if (availableMinutes <= 0) return bookedMinutes > 0 ? "over" : "off";
  const ratio = bookedMinutes / availableMinutes;
  if (ratio > 1) return "over";
  if (ratio > threshold) return "busy";
  return "ok";
}

/** Hours with at most one decimal: 390 → "6.5", 480 → "8". */
export function formatHours(minutes: number): string {
  return String(Math.round(minutes / 6) / 10);
}

const FILL: Record<LoadLevel, string> = {
  off: "bg-slate-300",
  ok: "bg-emerald-500",
  busy: "bg-amber-400",
  over: "bg-red-600",
};
const TEXT: Record<LoadLevel, string> = {
  off: "text-slate-600",
  ok: "text-slate-700",
  busy: "text-amber-800",
  over: "font-medium text-red-700",
};

const available = (d: Pick<WeekDayLoad, "shiftMinutes" | "timeOffMinutes">) => d.shiftMinutes - d.timeOffMinutes;

function dayHeading(date: string): { weekday: string; day: string; long: string } {
  return { weekday: formatDate(date, "EEE"), day: formatDate(date, "MMM d"), long: formatDate(date, "EEEE, MMMM d") };
}

function LoadBar({ booked, capacity, level }: { booked: number; capacity: number; level: LoadLevel }) {
  const pct = capacity > 0 ? Math.min(100, (booked / capacity) * 100) : booked > 0 ? 100 : 0;
  return (
    <div className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
      <div className={`h-full rounded-full ${FILL[level]}`} style={{ width: `${pct}%` }} data-testid="week-bar" />
    </div>
  );
}

type StripWindow = { start: number; end: number };

const blockWords = (b: ClockSlotBlock) => `${b.kind === "flex" ? "flex slot (urgent work only)" : "fixed block"} ${b.label} ${b.start}–${b.end}`;

/**
 * A day by the clock as a thin strip: the shift (when there is one) and the
 * company's fixed blocks and flex slots drawn as the day's lanes draw them.
 */
function DayStrip({ shift, blocks, window }: { shift: ClockSpan | null; blocks: readonly ClockSlotBlock[]; window: StripWindow }) {
  if (!shift && blocks.length === 0) return null;
  const worked = shift ? stripPlacement(shift, window) : null;
  return (
    <div className="relative h-2.5 overflow-hidden rounded-sm bg-slate-100" aria-hidden="true" data-testid="week-strip">
      {worked ? <div className="absolute inset-y-0 bg-white ring-1 ring-inset ring-slate-200" style={{ left: `${worked.left}%`, width: `${worked.width}%` }} /> : null}
      {blocks.map((b) => {
        const at = stripPlacement(b, window);
        return at ? (
          <div
            key={b.id}
            className={`absolute inset-y-0 ${SLOT_BAND_STYLE[b.kind]}`}
            style={{ left: `${at.left}%`, width: `${at.width}%` }}
            title={blockWords(b)}
            data-testid="week-slot-band"
            data-kind={b.kind}
            data-label={b.label}
          />
        ) : null;
      })}
    </div>
  );
}

function Cell({ name, load, threshold, href, label, blocks, window }: { name: string; load: WeekDayLoad; threshold: number; href: string; label: string; blocks: readonly ClockSlotBlock[]; window: StripWindow }) {
  const capacity = available(load);
  const level = loadLevel(load.bookedMinutes, capacity, threshold);
  const pct = capacity > 0 ? Math.round((load.bookedMinutes / capacity) * 100) : null;
  const words =
    level === "off"
      ? `${name}, ${label}: not working`
      : `${name}, ${label}: ${formatHours(load.bookedMinutes)} of ${formatHours(capacity)} h booked${pct === null ? "" : ` (${pct}%)`}, ${load.visits} ${load.visits === 1 ? "visit" : "visits"}${load.timeOffMinutes > 0 ? `, ${formatHours(load.timeOffMinutes)} h time off` : ""}${blocks.length ? `; ${blocks.map(blockWords).join(", ")}` : ""}`;
  return (
    <Link
      href={href}
      prefetch={false}
      title={words}
      data-testid="week-cell"
      data-date={load.date}
      data-level={level}
      data-visits={load.visits}
      className="block space-y-1 rounded px-2 py-1.5 hover:bg-brand-50"
    >
      {/* the name a screen reader or voice control uses; the bar and figures say the same in short */}
      <span className="sr-only">{words}</span>
      {level === "off" ? null : <DayStrip shift={load.shift} blocks={blocks} window={window} />}
      <LoadBar booked={load.bookedMinutes} capacity={capacity} level={level} />
      <div aria-hidden="true" className={`text-xs tabular-nums ${TEXT[level]}`}>
        {level === "off" ? "Off" : `${formatHours(load.bookedMinutes)} / ${formatHours(capacity)} h`}
      </div>
    </Link>
  );
}

/**
 * The week at a glance: per technician per day, booked against shift hours (less time
 * off) as a bar — amber above the company's capacity threshold, red above 100%. Each
 * day opens that day's board.
 */
export function WeekView({ week, today }: { week: BoardWeek; today: string }) {
  const threshold = week.company.capacityThreshold;
  const headings = week.days.map(dayHeading);
  const totals = week.days.map((_, i) =>
    week.technicians.reduce(
      (sum, t) => ({ booked: sum.booked + t.days[i].bookedMinutes, capacity: sum.capacity + Math.max(0, available(t.days[i])) }),
      { booked: 0, capacity: 0 },
    ),
  );
  const todayCol = (date: string) => (date === today ? "bg-brand-50/60" : "");
  // one clock window for the whole week, so the strips line up down and across
  const window = stripWindow([...week.slotBlocks.flat(), ...week.technicians.flatMap((t) => t.days.flatMap((d) => (d.shift ? [d.shift] : [])))]);
  const hasBlocks = week.slotBlocks.some((d) => d.length > 0);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[900px] border-collapse text-left" aria-label="Booked against shift hours, per technician per day">
        <thead className="sticky top-0 z-10 bg-white">
          <tr className="border-b border-slate-200 text-xs text-slate-500">
            <th scope="col" className="w-52 px-3 py-2 font-medium">
              Technician
            </th>
            {week.days.map((date, i) => (
              <th key={date} scope="col" className={`px-2 py-1.5 font-medium ${todayCol(date)}`}>
                <Link href={`/schedules?date=${date}`} prefetch={false} className="block rounded px-1 hover:bg-brand-50" data-testid="week-day-link">
                  <span className="sr-only">Open {headings[i].long}</span>
                  <span aria-hidden="true">
                  <span className={date === today ? "text-brand-700" : "text-slate-700"}>{headings[i].weekday}</span> {headings[i].day}
                  {date === today ? <span className="ml-1 text-brand-700">· today</span> : null}
                  </span>
                </Link>
                {hasBlocks ? (
                  <div className="mt-1 px-1" data-testid="week-day-blocks" data-date={date}>
                    <DayStrip shift={null} blocks={week.slotBlocks[i]} window={window} />
                    <span className="sr-only">{week.slotBlocks[i].length ? week.slotBlocks[i].map(blockWords).join(", ") : "no slot blocks"}</span>
                  </div>
                ) : null}
              </th>
            ))}
            <th scope="col" className="w-28 px-3 py-2 font-medium">
              Week
            </th>
          </tr>
        </thead>
        <tbody>
          {week.technicians.map((t) => {
            const booked = t.days.reduce((s, d) => s + d.bookedMinutes, 0);
            const capacity = t.days.reduce((s, d) => s + Math.max(0, available(d)), 0);
            const level = loadLevel(booked, capacity, threshold);
            return (
              <tr key={t.id} className="border-b border-slate-100 last:border-b-0" data-testid="week-row" data-technician={t.name}>
                <th scope="row" className="truncate px-3 py-1 font-medium">
                  {t.name}
                </th>
                {t.days.map((d, i) => (
                  <td key={d.date} className={`px-1 ${todayCol(d.date)}`}>
                    <Cell name={t.name} load={d} threshold={threshold} href={`/schedules?date=${d.date}`} label={headings[i].long} blocks={week.slotBlocks[i]} window={window} />
                  </td>
                ))}
                <td className={`px-3 text-xs tabular-nums ${TEXT[level]}`}>
                  {capacity > 0 || booked > 0 ? `${formatHours(booked)} / ${formatHours(capacity)} h` : "Off"}
                </td>
              </tr>
            );
          })}
          {week.technicians.length === 0 ? (
            <tr>
              <td colSpan={9} className="px-3 py-8 text-center text-slate-500">
                No active technicians.
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 bg-slate-50 text-xs text-slate-600">
            <th scope="row" className="px-3 py-2 font-medium">
              All technicians
            </th>
            {totals.map((tot, i) => {
              const level = loadLevel(tot.booked, tot.capacity, threshold);
              return (
                <td key={week.days[i]} className={`px-3 py-2 tabular-nums ${TEXT[level]}`} data-testid="week-total">
                  {formatHours(tot.booked)} / {formatHours(tot.capacity)} h
                </td>
              );
            })}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The colours' meaning, with the company's threshold, and the slot template's blocks when it has any. */
export function WeekLegend({ threshold, slotBlocks = [] }: { threshold: number; slotBlocks?: readonly ClockSlotBlock[][] }) {
  const kinds = new Map<string, ClockSlotBlock>();
  for (const b of slotBlocks.flat()) if (!kinds.has(`${b.kind}:${b.label}`)) kinds.set(`${b.kind}:${b.label}`, b);
  const pct = Math.round(threshold * 100);
  const item = (level: LoadLevel, text: string) => (
    <span className="inline-flex items-center gap-1">
      <span className={`inline-block h-2 w-4 rounded-full ${FILL[level]}`} aria-hidden />
      {text}
    </span>
  );
  return (
    <span className="flex flex-wrap items-center gap-3 text-xs text-slate-500">
      {item("ok", `up to ${pct}%`)}
      {item("busy", `above ${pct}%`)}
      {item("over", "over 100%")}
      {[...kinds.values()].map((b) => (
        <span key={`${b.kind}:${b.label}`} className="inline-flex items-center gap-1" data-testid="week-legend-block" data-kind={b.kind}>
          <span className={`inline-block h-2.5 w-4 rounded-sm ${SLOT_BAND_STYLE[b.kind]}`} aria-hidden />
          {b.kind === "flex" ? "Flex slot, urgent work only" : "Fixed block"}: {b.label}
        </span>
      ))}
    </span>
  );
}
