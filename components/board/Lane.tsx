"use client";

import { memo, useCallback, useMemo } from "react";
import { JobBlock, pickBlock } from "@/components/board/JobBlock";
import { DragSource } from "@/components/board/drag-source";
import { formatHours, type LaneLayout } from "@/components/board/lane-layout";
import { laneLateness } from "@/components/board/lane-lateness";
import { RECOVERY_BAND_STYLE, recoveryBands, SLOT_BAND_STYLE, type SlotBand } from "@/components/board/slot-bands";
import type { OptimiseGhost } from "@/components/board/optimise-ghosts";
import { formatScore, type SuggestedSlot } from "@/components/board/suggestions";
import { offsetPercent, widthPercent } from "@/components/board/timeline";
import type { LaneInfo } from "@/components/board/lane-info";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import type { EpochMinute, Interval } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";


/** Where a dragged job would land on this lane. */
export interface LanePreview {
  jobId: string;
  workOrder: string;
  start: EpochMinute;
  end: EpochMinute;
  /** The drop is refused outright (e.g. the job is closed); shown in red. */
  warningCount: number;
}

export interface LaneProps {
  layout: LaneLayout;
  range: Interval;
  /** Number of hour columns in the range (the grid lines). */
  hours: number;
  /** Pixels per minute on screen, once measured (null on the server). */
  minuteWidth: number | null;
  timeZone: string;
  top: number;
  height: number;
  labelWidth: number;
  /** The lane's visits' warnings and crews (the same object while they do not change). */
  info: LaneInfo;
  /** The person may change the board. */
  editable: boolean;
  selectedJobId: string | null;
  highlighted: ReadonlySet<string>;
  pendingIds: ReadonlySet<string>;
  draggingJobId: string | null;
  preview: LanePreview | null;
  nowMinute: number | null;
  onSelect: (jobId: string) => void;
  /** Suggested slots for the selected queued job on this lane, if any. */
  suggestions?: readonly SuggestedSlot[];
  onPickSuggestion?: (slot: SuggestedSlot) => void;
  /** The company's fixed blocks and flex slots of the day, drawn behind the visits. */
  slotBands?: readonly SlotBand[];
  /** Minutes kept free after a visit when another follows (drawn after each such visit). */
  recoveryBufferMin?: number;
  /** The optimiser's proposal on this lane while it is previewed: where visits go and where they leave. */
  ghosts?: readonly OptimiseGhost[];
}


const CLOSED = new Set(["done", "cancelled"]);
const NO_CREW: string[] = [];

/** One technician's row: who they are, how full their day is, and their visits on the timeline. */
export const Lane = memo(function Lane(props: LaneProps) {
  const { layout, range, hours, minuteWidth, timeZone, top, height, labelWidth, info, editable, selectedJobId, highlighted, pendingIds, draggingJobId, preview, nowMinute, onSelect, suggestions, onPickSuggestion, slotBands = [], recoveryBufferMin = 0, ghosts } = props;
  const t = layout.technician;
  // a lane is a drop target, and the one draggable for its blocks (see DragSource)
  const drop = useMemo(() => ({ id: `lane:${t.id}`, data: { type: "lane", techId: t.id } }), [t.id]);
  const pick = useCallback((target: Element) => pickBlock(target, t.id), [t.id]);
  const shift = t.shift ? { start: toMinute(t.shift.start), end: toMinute(t.shift.end) } : null;
  const load = layout.shiftMinutes > 0 ? layout.bookedMinutes / layout.shiftMinutes : layout.bookedMinutes > 0 ? 2 : 0;
  const loadColour = load > 1 ? "bg-red-500" : load > 0.9 ? "bg-amber-400" : "bg-emerald-500";
  const inner = height - 6;
  const trackHeight = inner / layout.tracks;
  const buffers = useMemo(() => recoveryBands(layout.items, recoveryBufferMin), [layout.items, recoveryBufferMin]);
  const showNow = nowMinute !== null && nowMinute > range.start && nowMinute < range.end;
  // projected from the crew's reports, only for the day that is under way
  const late = useMemo(() => (showNow ? laneLateness(layout.items, nowMinute) : null), [layout.items, nowMinute, showNow]);
  const lateText = late && late.size > 0
    ? [...late.values()].map((f) => {
        const item = layout.items.find((i) => i.job.id === f.stopId);
        return `${item?.job.workOrder ?? "A visit"}: arriving about ${formatClock(f.projectedArrival, timeZone)}, ${f.minutesLate} min after the customer's window (${f.why})`;
      })
    : null;

  return (
    <div
      className="absolute inset-x-0 flex border-b border-slate-200"
      style={{ top, height }}
      data-testid="lane"
      data-technician={t.name}
      data-technician-id={t.id}
    >
      <div className="sticky left-0 z-[6] flex shrink-0 flex-col justify-center gap-px border-r border-slate-200 bg-white px-3" style={{ width: labelWidth }}>
        <div className="flex items-baseline justify-between gap-2">
          <span className="truncate text-[13px] font-medium leading-4 text-slate-900">{t.name}</span>
          <span
            className={`shrink-0 text-[11px] tabular-nums ${load > 1 ? "font-medium text-red-700" : "text-slate-500"}`}
            title={`${formatHours(layout.bookedMinutes)} h booked of a ${formatHours(layout.shiftMinutes)} h shift`}
            data-testid="lane-hours"
          >
            {formatHours(layout.bookedMinutes)}/{formatHours(layout.shiftMinutes)} h
          </span>
        </div>
        <div className="flex items-baseline justify-between gap-2">
          {lateText ? (
            <span className="truncate text-[11px] leading-[13px] font-medium text-red-700" title={lateText.join("\n")} data-testid="lane-late">
              ⚠ {lateText.length === 1 ? "1 customer" : `${lateText.length} customers`} late
            </span>
          ) : (
            <span className="truncate text-[11px] leading-[13px] text-slate-500" title={t.skills.join(", ")}>
              {t.skills.join(" · ") || "No skills listed"}
            </span>
          )}
          <a
            href={`/tech?technician=${t.id}`}
            className="shrink-0 text-[11px] leading-[13px] text-brand-700 underline-offset-2 hover:underline"
            title={`${t.name}'s day as their phone shows it (read-only)`}
            data-testid="lane-tech-view"
          >
            Phone view
          </a>
        </div>
        <div className="mt-0.5 h-1 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          <div className={`h-full ${loadColour}`} style={{ width: `${Math.min(100, load * 100)}%` }} />
        </div>
      </div>
      <DragSource
        id={`lane:${t.id}`}
        disabled={!editable}
        pick={pick}
        drop={drop}
        className={`group/timeline relative flex-1 ${shift ? "bg-slate-100/80" : "bg-slate-100"}`}
        overClassName="!bg-brand-50"
        data-testid="lane-timeline"
      >
        {shift ? (
          <div
            className="absolute inset-y-0 bg-white group-data-[over=true]/timeline:bg-brand-50"
            style={{ left: `${offsetPercent(range, shift.start)}%`, width: `${widthPercent(range, shift.start, shift.end)}%` }}
            title={`Shift ${formatClockRange(shift, timeZone)}`}
          />
        ) : (
          <div className="absolute inset-y-0 left-2 flex items-center text-[11px] text-slate-600">No shift today</div>
        )}
        {slotBands.map((b) => (
          <div
            key={b.id}
            className={`absolute inset-y-0 ${SLOT_BAND_STYLE[b.kind]}`}
            style={{ left: `${offsetPercent(range, b.start)}%`, width: `${widthPercent(range, b.start, b.end)}%` }}
            title={`${b.kind === "flex" ? "Flex slot (urgent work only)" : "Fixed block"}: ${b.label}, ${formatClockRange(b, timeZone)}`}
            data-testid="slot-band"
            data-kind={b.kind}
            data-label={b.label}
          >
            <span className={`absolute bottom-0 left-0.5 max-w-full truncate text-[9px] leading-[11px] ${b.kind === "flex" ? "text-amber-950" : "text-sky-950"}`}>{b.label}</span>
          </div>
        ))}
        {/* hour lines: one painted grid instead of a div per hour */}
        <div
          className="pointer-events-none absolute inset-0"
          style={{ backgroundImage: "linear-gradient(to right, rgb(226 232 240 / 0.8) 1px, transparent 1px)", backgroundSize: `${100 / hours}% 100%` }}
        />
        {t.timeOff.map((o) => {
          const s = toMinute(o.start);
          const e = toMinute(o.end);
          return (
            <div
              key={o.start}
              className="absolute inset-y-0 z-[1] bg-[repeating-linear-gradient(45deg,rgba(148,163,184,0.35)_0,rgba(148,163,184,0.35)_4px,rgba(248,250,252,0.6)_4px,rgba(248,250,252,0.6)_9px)]"
              style={{ left: `${offsetPercent(range, s)}%`, width: `${widthPercent(range, s, e)}%` }}
              title={`Time off ${formatClock(s, timeZone)}–${formatClock(e, timeZone)}${o.reason ? `: ${o.reason}` : ""}`}
              data-testid="time-off"
            />
          );
        })}
        {(t.breaks ?? []).map((b) => {
          const s = toMinute(b.start);
          const e = toMinute(b.end);
          const wide = minuteWidth === null || (e - s) * minuteWidth >= 34;
          return (
            <div
              key={`break:${b.start}`}
              className="absolute inset-y-0 z-[1] flex items-end justify-center overflow-hidden border-x border-dashed border-amber-400 bg-amber-50/80 pb-0.5"
              style={{ left: `${offsetPercent(range, s)}%`, width: `${widthPercent(range, s, e)}%` }}
              title={`Break ${formatClock(s, timeZone)}–${formatClock(e, timeZone)}: no work is planned over it`}
              data-testid="shift-break"
            >
              {wide ? <span className="text-[10px] leading-3 text-amber-900">Break</span> : null}
            </div>
          );
        })}
        {layout.items.map((item) =>
          item.travel && item.travel.minutes > 0 ? (
            <div
              key={`travel:${item.job.id}`}
              className="pointer-events-auto absolute z-[1] flex items-center"
              style={{
                left: `${offsetPercent(range, item.start - item.travel.minutes)}%`,
                width: `${widthPercent(range, item.start - item.travel.minutes, item.start)}%`,
                top: 3 + item.track * trackHeight,
                height: trackHeight,
              }}
              title={`${item.travel.minutes} min travel from ${item.travel.from === "home" ? "home base" : item.travel.fromWorkOrder}`}
              data-testid="travel"
              data-minutes={item.travel.minutes}
            >
              <div className="h-0 w-full border-t-2 border-dotted border-slate-400" />
              {minuteWidth === null || item.travel.minutes * minuteWidth >= 16 ? (
                <span className="absolute inset-x-0 top-1/2 -translate-y-[calc(100%+1px)] overflow-hidden text-center text-[9px] leading-none whitespace-nowrap text-slate-500 tabular-nums">
                  {item.travel.minutes}′
                </span>
              ) : null}
            </div>
          ) : null,
        )}
        {buffers.map((b) => (
          <div
            key={`buffer:${b.start}`}
            className={`pointer-events-none absolute bottom-0.5 z-[1] h-1.5 ${RECOVERY_BAND_STYLE}`}
            style={{ left: `${offsetPercent(range, b.start)}%`, width: `${widthPercent(range, b.start, b.end)}%` }}
            data-testid="recovery-buffer"
            data-minutes={b.end - b.start}
          />
        ))}
        {layout.items.map((item) => (
          <JobBlock
            key={item.job.id}
            item={item}
            range={range}
            timeZone={timeZone}
            top={3 + item.track * trackHeight}
            height={trackHeight - (layout.tracks > 1 ? 1 : 0)}
            width={minuteWidth === null ? null : (item.end - item.start) * minuteWidth}
            warnings={info.warnings.get(item.job.id)}
            crew={info.crews.get(item.job.id) ?? NO_CREW}
            editable={editable && !CLOSED.has(item.job.status) && !pendingIds.has(item.job.id)}
            selected={selectedJobId === item.job.id}
            highlighted={highlighted.has(item.job.id)}
            pending={pendingIds.has(item.job.id)}
            dragging={draggingJobId === item.job.id}
            late={late?.get(item.job.id) ?? null}
            onSelect={onSelect}
          />
        ))}
        {suggestions?.map((s) => (
          <button
            key={s.rank}
            type="button"
            onClick={() => onPickSuggestion?.(s)}
            className="absolute z-[4] flex items-start gap-1 overflow-hidden rounded-[3px] border-2 border-violet-500 bg-violet-200/40 px-0.5 text-left text-[11px] leading-[13px] font-medium text-violet-950 tabular-nums outline-offset-1 hover:bg-violet-200/70 focus-visible:bg-violet-200/70"
            style={{ left: `${offsetPercent(range, s.start)}%`, width: `${widthPercent(range, s.start, s.end)}%`, top: 3, height: inner }}
            title={`Suggestion ${s.rank}: ${s.workOrder} with ${t.name}, ${formatClockRange(s, timeZone)}, score ${formatScore(s.score)}\n${s.candidate.reasons.map((r) => r.why).join("\n")}\nClick to assign.`}
            data-testid="suggestion"
            data-rank={s.rank}
            data-technician-id={t.id}
            data-start={formatClock(s.start, timeZone)}
            data-end={formatClock(s.end, timeZone)}
          >
            {/* the name is the visible rank and score, with the rest said to screen readers */}
            <span className="sr-only">Suggestion </span>
            <span className="inline-flex h-3.5 min-w-3.5 shrink-0 items-center justify-center rounded-full bg-violet-600 px-0.5 text-[10px] font-semibold text-white">{s.rank}</span>
            <span className="sr-only">, score </span>
            <span className="truncate">{formatScore(s.score)}</span>
            <span className="sr-only">{`: assign ${s.workOrder} to ${t.name} at ${formatClockRange(s, timeZone)}`}</span>
          </button>
        ))}
        {ghosts?.map((g) =>
          g.kind === "before" ? (
            <div
              key={`ghost-before:${g.jobId}`}
              className="pointer-events-none absolute z-[4] rounded-[3px] border-2 border-dashed border-rose-600"
              style={{ left: `${offsetPercent(range, g.start)}%`, width: `${widthPercent(range, g.start, g.end)}%`, top: 3, height: inner }}
              title={`${g.workOrder} moves ${g.note}`}
              data-testid="optimise-ghost"
              data-kind="before"
              data-work-order={g.workOrder}
            >
              <span className="absolute right-0 bottom-0 max-w-full truncate rounded-tl-[3px] bg-white px-0.5 text-[10px] leading-3 font-medium text-rose-800">moves {g.note}</span>
            </div>
          ) : (
            <div
              key={`ghost-after:${g.jobId}`}
              className="pointer-events-none absolute z-[4] overflow-hidden rounded-[3px] border-2 border-dashed border-indigo-600 bg-indigo-50/95 px-0.5 text-[11px] leading-[13px] text-indigo-950 tabular-nums"
              style={{ left: `${offsetPercent(range, g.start)}%`, width: `${widthPercent(range, g.start, g.end)}%`, top: 3 + inner * 0.45, height: inner * 0.55 }}
              title={`As optimised: ${g.workOrder} ${formatClockRange(g, timeZone)}, ${g.note}`}
              data-testid="optimise-ghost"
              data-kind="after"
              data-work-order={g.workOrder}
              data-start={formatClock(g.start, timeZone)}
            >
              <div className="truncate font-semibold">{g.workOrder} {formatClockRange(g, timeZone)}</div>
              <div className="truncate">{g.note}</div>
            </div>
          ),
        )}
        {preview ? (
          <div
            className={`pointer-events-none absolute z-[4] rounded-[3px] border-2 border-dashed px-1 text-[11px] leading-[13px] font-medium tabular-nums ${preview.warningCount > 0 ? "border-amber-500 bg-amber-50/90 text-amber-900" : "border-brand-500 bg-brand-50/90 text-brand-700"}`}
            style={{ left: `${offsetPercent(range, preview.start)}%`, width: `${widthPercent(range, preview.start, preview.end)}%`, top: 3, height: inner }}
            data-testid="drop-preview"
          >
            <div className="truncate">{preview.workOrder}</div>
            <div className="truncate">{formatClockRange(preview, timeZone)}</div>
            {preview.warningCount > 0 ? <div className="truncate">⚠ {preview.warningCount}</div> : null}
          </div>
        ) : null}
        {showNow ? (
          <div className="pointer-events-none absolute inset-y-0 z-[5] w-px bg-red-500" style={{ left: `${offsetPercent(range, nowMinute)}%` }} data-testid="now-line" />
        ) : null}
      </DragSource>
    </div>
  );
});
