import Link from "next/link";
import { addDays, weekdayOf } from "@/lib/time/calendar-date";

export interface DayWeekSwitchProps {
  /** The day shown (YYYY-MM-DD); the week link opens the week it falls in. */
  date: string;
  /** Which view is open now. */
  current: "day" | "week";
}

const BASE = "px-2.5 py-1 first:rounded-l-md last:rounded-r-md border border-slate-300 -ml-px first:ml-0";

/**
 * Day | Week links for a date, for the schedules pages' toolbars.
 *
 * @example <DayWeekSwitch date="2026-11-25" current="day" /> // Day → /schedules?date=2026-11-25, Week → /schedules/week?start=2026-11-23
 */
export function DayWeekSwitch({ date, current }: DayWeekSwitchProps) {
  const monday = addDays(date, 1 - weekdayOf(date));
  const links = [
    { view: "day", label: "Day", href: `/schedules?date=${date}` },
    { view: "week", label: "Week", href: `/schedules/week?start=${monday}` },
  ] as const;
  return (
    <nav aria-label="View" className="inline-flex">
      {links.map((l) => (
        <Link prefetch={false}
          key={l.view}
          href={l.href}
          aria-current={current === l.view ? "page" : undefined}
          className={`${BASE} ${current === l.view ? "bg-brand-600 border-brand-600 font-medium text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
