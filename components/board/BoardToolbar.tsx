"use client";

import { memo } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DayWeekSwitch } from "@/components/board/DayWeekSwitch";
import { RecentChanges } from "@/components/board/RecentChanges";
import type { BoardEventsStatus } from "@/components/board/use-board-events";
import type { UndoableChange } from "@/lib/db/board-changes";
import { addDays, formatDate } from "@/lib/time/calendar-date";

export interface BoardToolbarProps {
  date: string;
  today: string;
  timeZone: string;
  editable: boolean;
  liveStatus: BoardEventsStatus;
  busy: boolean;
  onUndo: (change?: UndoableChange) => void;
  onPublish: () => void;
  onOptimise: () => void;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
}

/** Horizontal zoom steps: 1 fits the day to the window, more scrolls sideways. */
export const ZOOMS = [1, 1.5, 2, 3] as const;
export type Zoom = (typeof ZOOMS)[number];

const BUTTON = "inline-flex h-7 items-center rounded-md border border-slate-300 bg-white px-2.5 text-[13px] text-slate-700 hover:bg-slate-100";

/** "Tuesday, November 24, 2026" */
export function dayLabel(date: string): string {
  return formatDate(date, "EEEE, MMMM d, yyyy");
}

const LIVE = {
  live: { dot: "bg-emerald-500", text: "Live" },
  connecting: { dot: "bg-slate-300", text: "Connecting…" },
  reconnecting: { dot: "bg-amber-400", text: "Reconnecting…" },
} as const;

/** The board's top row: which day, moving between days, and the day's actions (drawn again only when its props change, not on every move). */
export const BoardToolbar = memo(function BoardToolbar({ date, today, timeZone, editable, liveStatus, busy, onUndo, onPublish, onOptimise, zoom, onZoom }: BoardToolbarProps) {
  const router = useRouter();
  const live = LIVE[liveStatus];
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
      <h1 className="min-w-[15rem] text-base font-semibold tracking-tight text-slate-900">{dayLabel(date)}</h1>
      <nav aria-label="Day" className="flex items-center gap-1">
        <Link prefetch={false} className={BUTTON} href={`/schedules?date=${addDays(date, -1)}`} aria-label="Previous day" title="Previous day">
          ‹
        </Link>
        <input
          type="date"
          aria-label="Date"
          value={date}
          onChange={(e) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) router.push(`/schedules?date=${e.target.value}`);
          }}
          className="h-7 rounded-md border border-slate-300 bg-white px-2 text-[13px] tabular-nums text-slate-700"
        />
        <Link prefetch={false} className={BUTTON} href={`/schedules?date=${addDays(date, 1)}`} aria-label="Next day" title="Next day">
          ›
        </Link>
        <Link prefetch={false} className={`${BUTTON} ${date === today ? "pointer-events-none opacity-50" : ""}`} href="/schedules" aria-disabled={date === today}>
          Today
        </Link>
      </nav>
      <div className="text-[13px]">
        <DayWeekSwitch date={date} current="day" />
      </div>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        Zoom
        <select
          value={zoom}
          onChange={(e) => onZoom(ZOOMS.find((z) => z === Number(e.target.value)) ?? 1)}
          className="h-7 rounded-md border border-slate-300 bg-white px-1 text-[13px] text-slate-700"
        >
          {ZOOMS.map((z) => (
            <option key={z} value={z}>
              {z === 1 ? "Fit day" : `${z}×`}
            </option>
          ))}
        </select>
      </label>
      <span className="text-xs text-slate-500">Times in {timeZone.replace(/_/g, " ")}</span>
      <span className="flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-status" data-status={liveStatus}>
        <span className={`inline-block h-2 w-2 rounded-full ${live.dot}`} aria-hidden="true" />
        {live.text}
      </span>
      <Link prefetch={false} className={BUTTON} href={`/schedules/route?date=${date}`} title="Each technician's stops in order, with times, drives and a map; printable">
        Route plans
      </Link>
      {editable ? (
        <div className="ml-auto flex items-center gap-2">
          <Link prefetch={false} className={BUTTON} href={`/jobs/new?date=${date}`} title="Create a job; automatic dispatch finds it a place">
            + New job
          </Link>
          <button type="button" className={BUTTON} onClick={onOptimise} disabled={busy} title="Re-plan the day for the least driving, with a preview to approve">
            Optimise day
          </button>
          <div className="flex items-center">
            <button
              type="button"
              className="inline-flex h-7 items-center rounded-l-md border border-r-0 border-slate-300 bg-white px-2.5 text-[13px] text-slate-700 hover:bg-slate-100 disabled:opacity-50"
              onClick={() => onUndo()}
              disabled={busy}
              title="Undo your last change (Ctrl+Z)"
            >
              ↶ Undo
            </button>
            <RecentChanges timeZone={timeZone} onUndo={(c) => onUndo(c)} />
          </div>
          <button
            type="button"
            onClick={onPublish}
            disabled={busy}
            className="inline-flex h-7 items-center rounded-md bg-brand-600 px-3 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-50"
          >
            Publish schedule
          </button>
        </div>
      ) : (
        <span className="ml-auto rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="read-only">
          Read-only
        </span>
      )}
    </div>
  );
});
