"use client";

import { memo, useMemo, type CSSProperties, type KeyboardEvent } from "react";
import { BOARD_DND_ID, type Picked } from "@/components/board/drag-source";
import type { LaneItem } from "@/components/board/lane-layout";
import { offsetPercent, widthPercent } from "@/components/board/timeline";
import { PRIORITY_CLASS, PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";
import type { CheckIssue } from "@/lib/engine/checks";
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import type { Interval } from "@/lib/engine/types";
import type { LateForecast } from "@/lib/engine/running-late";

/** What a drag of a block or of its right edge carries. */
export interface BlockDragData {
  type: "block" | "resize";
  jobId: string;
  laneTechId: string;
}

export interface JobBlockProps {
  item: LaneItem;
  range: Interval;
  timeZone: string;
  /** Vertical placement inside the lane, in pixels. */
  top: number;
  height: number;
  /** Width on screen in pixels, once measured; narrow blocks show less. */
  width: number | null;
  warnings: CheckIssue[] | undefined;
  /** Names of the crew, leader first. */
  crew: string[];
  /** The person may drag, resize and edit this job. */
  editable: boolean;
  selected: boolean;
  highlighted: boolean;
  pending: boolean;
  /** This block is being dragged (its ghost shows where it will land). */
  dragging: boolean;
  /** The crew's progress says this customer's window will be missed. */
  late?: LateForecast | null;
  onSelect: (jobId: string) => void;
}

const STATUS_STYLE: Record<LaneItem["job"]["status"], string> = {
  unscheduled: "border-dashed",
  scheduled: "border-dashed",
  published: "",
  in_progress: "ring-1 ring-emerald-500",
  done: "opacity-60 saturate-50",
  cancelled: "opacity-40 line-through",
};

/** The crew's report from the road, as a badge: on the way (with its estimate), running late. */
function visitBadge(item: LaneItem, timeZone: string, forecast: LateForecast | null | undefined): { text: string; className: string; title: string } | null {
  const { job } = item;
  if (forecast && job.visitStatus !== "arrived" && job.visitStatus !== "done" && job.visitStatus !== "not_finished") {
    const eta = formatClock(forecast.projectedArrival, timeZone);
    return { text: `LATE ${eta}`, className: "bg-red-700 text-white", title: `Running late: arriving about ${eta}, ${forecast.minutesLate} min after the customer's window (${forecast.why})` };
  }
  if (job.visitStatus !== "on_my_way" || !job.estimatedArrivalAt) return null;
  const etaMinute = Math.floor(Date.parse(job.estimatedArrivalAt) / 60000);
  const eta = formatClock(etaMinute, timeZone);
  // the customer's own window, else the arrival window they were promised
  const promisedBy = job.windowEnd ? Math.floor(Date.parse(job.windowEnd) / 60000) : arrivalWindow(item.start).end;
  const late = etaMinute > promisedBy;
  return late
    ? { text: `LATE ${eta}`, className: "bg-red-700 text-white", title: `Running late: arriving about ${eta}, after the customer's window` }
    : { text: `EN ROUTE ${eta}`, className: "bg-sky-700 text-white", title: `On the way, arriving about ${eta}` };
}

function blockTitle(item: LaneItem, crew: string[], timeZone: string, warnings: CheckIssue[] | undefined, late: LateForecast | null | undefined): string {
  const { job } = item;
  const badges = [job.slaProtected ? "SLA" : null, job.contract ? "Contract" : null, job.locationApproximate ? "Location approximate" : null, item.assignment.autoAssigned ? (job.dispatchState === "accepted" ? "Auto-assigned, accepted" : "Auto-assigned") : null].filter(Boolean);
  return [
    `${job.workOrder} — ${job.description}`,
    `${job.customerName}${job.city ? `, ${job.city}` : ""}`,
    `${formatClockRange(item, timeZone)} (${formatDuration(item.end - item.start)})`,
    `${PRIORITY_LABEL[job.priority]} priority · ${STATUS_LABEL[job.status]}${badges.length ? ` · ${badges.join(" · ")}` : ""}`,
    `Crew: ${crew.join(", ")}${item.role === "helper" ? " (helping here)" : ""}`,
    ...(job.dispatchState === "review" ? [`Needs review: ${job.dispatchReason ?? "no reason recorded"}`] : item.assignment.autoAssigned && job.dispatchReason ? [`Auto-dispatch: ${job.dispatchReason}`] : []),
    ...(visitBadge(item, timeZone, late) ? [visitBadge(item, timeZone, late)!.title] : []),
    ...(warnings ?? []).map((w) => `⚠ ${w.message}`),
  ].join("\n");
}

/**
 * What a block shows and says about itself: its attributes, classes, place and
 * lines. Worked out from the block's own props only (see JobBlock).
 */
function blockFace(props: JobBlockProps) {
  const { item, range, timeZone, top, height, width, warnings, crew, editable, selected, highlighted, pending, dragging, late } = props;
  const { job } = item;
  // a narrow block keeps its colour, warning and work order; the rest is in its title and the panel
  const tiny = width !== null && width < 34;
  const narrow = width !== null && width < 76;
  const lines = tiny || height < 14 ? 0 : height < 30 ? 1 : narrow || height < 44 ? 2 : 3;
  const style: CSSProperties = {
    left: `${offsetPercent(range, item.start)}%`,
    width: `${widthPercent(range, item.start, item.end)}%`,
    top,
    height,
    borderLeftStyle: "solid",
  };
  const hasWarnings = warnings !== undefined && warnings.length > 0;
  const badge = visitBadge(item, timeZone, late);
  const extraCrew = crew.length - 1;
  const clock = formatClockRange(item, timeZone);
  const attributes = {
    role: "button",
    tabIndex: 0,
    "aria-roledescription": editable ? "draggable visit" : "visit",
    // the board's "how to drag" text (the lane's drag source picks the block up; see pickBlock)
    "aria-describedby": editable ? BOARD_DND_ID : undefined,
    "aria-pressed": selected,
    title: blockTitle(item, crew, timeZone, warnings, late),
    "data-testid": "job-block",
    "data-work-order": job.workOrder,
    "data-job-id": job.id,
    "data-draggable": editable ? "true" : undefined,
    "data-start": clock.slice(0, 5),
    "data-end": clock.slice(6),
    "data-highlight": highlighted ? "true" : undefined,
    "data-role": item.role,
    "data-visit-status": job.visitStatus ?? undefined,
    "data-late": badge?.text.startsWith("LATE") ? "true" : undefined,
    className: [
      "group absolute z-[2] min-w-[6px] overflow-hidden rounded-[3px] border border-slate-300/80 border-l-[3px] px-1 text-[11px] leading-[13px] shadow-[0_1px_1px_rgba(15,23,42,0.06)] select-none transition-[box-shadow,background-color,opacity]",
      PRIORITY_CLASS[job.priority],
      STATUS_STYLE[job.status],
      job.visitStatus === "on_my_way" ? "ring-1 ring-sky-600" : "",
      item.role === "helper" ? "bg-[repeating-linear-gradient(135deg,transparent_0,transparent_5px,rgba(148,163,184,0.18)_5px,rgba(148,163,184,0.18)_7px)]" : "",
      editable ? "cursor-grab active:cursor-grabbing" : "cursor-pointer",
      selected ? "z-[3] ring-2 ring-brand-500" : "",
      highlighted ? "z-[3] !bg-amber-100 ring-2 ring-amber-400" : "",
      pending ? "cursor-progress opacity-70" : "",
      dragging ? "opacity-35" : "",
    ].join(" "),
    style,
  };
  const children = (
    <>
      {/* the name a screen reader or voice control uses; the visible lines below say the same in short */}
      <span className="sr-only">{`${job.workOrder}, ${job.customerName}, ${clock}${hasWarnings ? `, ${warnings.length} warning${warnings.length > 1 ? "s" : ""}` : ""}`}</span>
      <div aria-hidden="true" className={`flex items-center gap-1 whitespace-nowrap ${lines > 1 ? "pt-0.5" : ""}`}>
        {hasWarnings && height >= 12 ? (
          <span
            className="shrink-0 text-amber-600"
            title={warnings.map((w) => w.message).join("\n")}
            data-testid="block-warning"
            role="img"
            aria-label="Warning"
          >
            ⚠
          </span>
        ) : null}
        {lines > 0 && narrow && badge?.text.startsWith("LATE") ? (
          // a narrow block has room for one word: running late matters more than the work order
          <span className={`rounded-sm px-0.5 text-[9px] font-semibold leading-3 ${badge.className}`} title={badge.title} data-testid="visit-badge">
            LATE
          </span>
        ) : null}
        {lines > 0 ? <span className="font-semibold text-slate-900">{job.workOrder}</span> : null}
        {lines > 0 && !narrow ? (
          <>
            {job.slaProtected ? <span className="rounded-sm bg-red-600 px-0.5 text-[9px] font-semibold leading-3 text-white">SLA</span> : null}
            {job.contract && !job.slaProtected ? <span className="rounded-sm bg-amber-700 px-0.5 text-[9px] font-semibold leading-3 text-white">CON</span> : null}
            {item.assignment.autoAssigned ? (
              <span
                className={`rounded-sm border px-0.5 text-[9px] font-semibold leading-3 ${job.dispatchState === "accepted" ? "border-slate-300 text-slate-700" : "border-violet-400 text-violet-800"}`}
                title={job.dispatchState === "accepted" ? "Assigned by auto-dispatch, accepted" : "Assigned by auto-dispatch, waiting for a dispatcher to accept it"}
                data-testid="auto-marker"
                data-state={job.dispatchState}
              >
                {job.dispatchState === "accepted" ? "AUTO ✓" : "AUTO"}
              </span>
            ) : null}
            {job.dispatchState === "review" ? (
              // e.g. the customer asked for another time: the visit stays until a dispatcher moves it
              <span className="rounded-sm border border-amber-500 px-0.5 text-[9px] font-semibold leading-3 text-amber-800" title={`Needs review: ${job.dispatchReason ?? "no reason recorded"}`} data-testid="review-marker">
                REVIEW
              </span>
            ) : null}
            {badge ? (
              <span className={`rounded-sm px-0.5 text-[9px] font-semibold leading-3 ${badge.className}`} title={badge.title} data-testid="visit-badge">
                {badge.text}
              </span>
            ) : null}
            {job.status === "in_progress" ? <span className="text-[9px] font-semibold text-emerald-800">ON SITE</span> : null}
            {job.status === "done" ? <span className="text-[9px] font-semibold text-slate-700">DONE</span> : null}
          </>
        ) : null}
      </div>
      {lines >= 2 ? (
        narrow ? (
          <div aria-hidden="true" className="truncate tabular-nums text-slate-700">{formatClock(item.start, timeZone)}</div>
        ) : (
          <div aria-hidden="true" className="truncate text-slate-700">
            {job.customerName}
            {job.city ? ` · ${job.city}` : ""}
          </div>
        )
      ) : null}
      {lines >= 3 ? (
        <div aria-hidden="true" className="truncate tabular-nums text-slate-700">
          {clock}
          {item.role === "helper" ? " · helping" : extraCrew > 0 ? ` · +${extraCrew} crew` : ""}
        </div>
      ) : null}
      {item.assignment.autoAssigned && (narrow || lines === 0) ? (
        // too narrow for the AUTO badge: a dot in the corner keeps the decision visible
        <span
          className={`absolute top-0.5 right-1.5 h-1.5 w-1.5 rounded-full ${job.dispatchState === "accepted" ? "bg-slate-400" : "bg-violet-500"}`}
          title={job.dispatchState === "accepted" ? "Assigned by auto-dispatch, accepted" : "Assigned by auto-dispatch, waiting for a dispatcher to accept it"}
          data-testid="auto-dot"
        />
      ) : null}
      {editable ? RESIZE_HANDLE : null}
    </>
  );
  return { attributes, children };
}

/**
 * One visit on a lane: work order, customer, city, time, badges and warnings. It has
 * no draggable of its own: its lane's drag source picks it up (see pickBlock), so a
 * drag redraws no block but the ones whose props change, and what a block shows is
 * worked out anew only then.
 */
export const JobBlock = memo(function JobBlock(props: JobBlockProps) {
  const { item, onSelect } = props;
  const jobId = item.job.id;
  const face = useMemo(() => blockFace(props), [props]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(jobId);
    }
  };
  return (
    <div {...face.attributes} onClick={() => onSelect(jobId)} onKeyDown={onKeyDown}>
      {face.children}
    </div>
  );
});

/** The right edge of an editable block: dragging it changes the visit's length. */
const RESIZE_HANDLE = (
  <div
    aria-hidden="true"
    title="Drag to change the length"
    data-testid="resize-handle"
    className="absolute inset-y-0 right-0 w-1.5 cursor-ew-resize bg-transparent hover:bg-brand-500/40 group-hover:bg-slate-400/30"
  />
);

/**
 * The block (or its right edge, for a resize) a pointer went down on inside a lane's
 * timeline, when it may be dragged; null for anything else (a suggestion, a gap).
 *
 * @example pickBlock(event.target, laneTechId) // { node: <the block>, data: { type: "resize", jobId, laneTechId } }
 */
export function pickBlock(target: Element, laneTechId: string): Picked<BlockDragData> | null {
  const block = target.closest<HTMLElement>("[data-testid=job-block]");
  const jobId = block?.dataset.jobId;
  if (!block || !jobId || block.dataset.draggable !== "true") return null;
  const resize = target.closest("[data-testid=resize-handle]") !== null;
  return { node: block, data: { type: resize ? "resize" : "block", jobId, laneTechId } };
}
