"use client";

import type { Ref } from "react";
import { offsetPercent, type HourTick } from "@/components/board/timeline";
import type { Interval } from "@/lib/engine/types";
import { formatClock } from "@/lib/time/format-time";

export interface TimeAxisProps {
  range: Interval;
  ticks: HourTick[];
  timeZone: string;
  nowMinute: number | null;
  laneCount: number;
  /** Width of the technician column, in pixels. */
  labelWidth: number;
  /** The timeline strip, for measuring. */
  ref?: Ref<HTMLDivElement>;
}

/**
 * The hours across the top of the lanes, in the company's time zone. Its timeline
 * strip has exactly the lanes' geometry, so drags measure against it.
 */
export function TimeAxis({ range, ticks, timeZone, nowMinute, laneCount, labelWidth, ref }: TimeAxisProps) {
  const showNow = nowMinute !== null && nowMinute >= range.start && nowMinute <= range.end;
  return (
    <div className="sticky top-0 z-20 flex h-8 border-b border-slate-200 bg-white text-[11px] text-slate-500">
      <div className="sticky left-0 z-10 flex shrink-0 items-center border-r border-slate-200 bg-white px-3 font-medium text-slate-600" style={{ width: labelWidth }}>
        Technicians <span className="ml-1 font-normal text-slate-600">({laneCount})</span>
      </div>
      <div ref={ref} className="relative flex-1" data-testid="time-axis" aria-hidden="true">
        {ticks.map((t, i) => (
          <div
            key={t.minute}
            className="absolute bottom-0 h-2 border-l border-slate-300"
            style={{ left: `${offsetPercent(range, t.minute)}%` }}
            data-testid="hour-tick"
            data-hour={t.hour}
          >
            {i === 0 ? null : <span className="absolute bottom-2.5 -translate-x-1/2 tabular-nums">{t.label}</span>}
          </div>
        ))}
        {showNow ? (
          <div
            className={`absolute bottom-0 top-1 z-10 ${offsetPercent(range, nowMinute) > 96 ? "-translate-x-full" : offsetPercent(range, nowMinute) < 4 ? "" : "-translate-x-1/2"}`}
            style={{ left: `${offsetPercent(range, nowMinute)}%` }}
            data-testid="now-marker"
          >
            <span className="rounded bg-red-600 px-1 py-px text-[10px] font-medium text-white tabular-nums">{formatClock(nowMinute, timeZone)}</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}
