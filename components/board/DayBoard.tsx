"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DndContext, DragOverlay, pointerWithin } from "@dnd-kit/core";
import { BoardToolbar, dayLabel } from "@/components/board/BoardToolbar";
import { ConfirmDialog } from "@/components/board/ConfirmDialog";
import { DetailsPanel } from "@/components/board/DetailsPanel";
import { BOARD_DND_ID } from "@/components/board/drag-source";
import { DispatchNote } from "@/components/board/DispatchNote";
import { VisitStatusPanel } from "@/components/board/VisitStatusPanel";
import { NoticeDialog } from "@/components/board/NoticeDialog";
import { lanesToRender, scrollToShow } from "@/components/board/lane-window";
import { createLaneInfoCache, laneJob, laneShare } from "@/components/board/lane-info";
import { useJobActions } from "@/components/board/use-job-actions";
import { useNoticeQuestion } from "@/components/board/use-notice-question";
import { OptimisePanel } from "@/components/board/OptimisePanel";
import { formatClock } from "@/lib/time/format-time";
import { optimiseGhosts } from "@/components/board/optimise-ghosts";
import { useOptimiseDay } from "@/components/board/use-optimise-day";
import { Lane } from "@/components/board/Lane";
import { Queue } from "@/components/board/Queue";
import { ReviewSection } from "@/components/board/ReviewSection";
import { SlotLegend } from "@/components/board/SlotLegend";
import { slotBands } from "@/components/board/slot-bands";
import { SuggestionsPanel } from "@/components/board/SuggestionsPanel";
import { TimeAxis } from "@/components/board/TimeAxis";
import { Toasts } from "@/components/board/Toasts";
import { assignmentOf, type Placement } from "@/components/board/board-state";
import { createBoardView, type BoardView } from "@/components/board/board-view";
import { whyNoRoom, type SuggestedSlot } from "@/components/board/suggestions";
import { hourTicks, offsetPercent, timelineRange } from "@/components/board/timeline";
import { useBoardData } from "@/components/board/use-board-data";
import { useBoardDrag } from "@/components/board/use-board-drag";
import { useLaneWindow } from "@/components/board/use-lane-window";
import { useLiveBoard } from "@/components/board/use-live-board";
import { useElementWidth } from "@/components/board/use-element-width";
import { useNowMinute } from "@/components/board/use-now";
import { useSuggestions } from "@/components/board/use-suggestions";
import { useToasts } from "@/components/board/use-toasts";
import { newTabId } from "@/components/board/tab-id";
import { usePublish } from "@/components/board/use-publish";
import { useBoardZoom } from "@/components/board/use-board-zoom";
import { useBoardUndo } from "@/components/board/use-board-undo";
import type { BoardDay, BoardJob } from "@/lib/db/board";
import type { UndoableChange } from "@/lib/db/board-changes";
import type { OnCallNow } from "@/lib/db/on-call";
import type { Role } from "@/lib/db/with-user";
import { formatDuration } from "@/lib/board-format";
import { checkPlacement, type CheckIssue } from "@/lib/engine/checks";
import { toMinute } from "@/lib/time/epoch-minute";

export interface DayBoardProps {
  initialDay: BoardDay;
  role: Role;
  /** Today in the company's time zone. */
  today: string;
  /** Shown once above the board (e.g. a date in the address that did not exist). */
  notice?: string | null;
  /** How far the server's planning clock is ahead of the real one (0 unless CREWBOARD_CLOCK is set). */
  clockOffsetMs?: number;
  /** Who is on call at page load, per rotation. */
  onCall?: readonly OnCallNow[];
}

const LANE_HEIGHT = 56;
const LABEL_WIDTH = 208;
const NO_ON_CALL: readonly OnCallNow[] = [];



/**
 * The interactive day board: a lane per technician, the unscheduled queue, drag
 * and drop, the details panel, undo, publish and live updates from other people.
 * Viewers and technicians get the same board without any way to change it.
 */
export function DayBoard({ initialDay, role, today, notice, clockOffsetMs = 0, onCall = NO_ON_CALL }: DayBoardProps) {
  const editable = role === "admin" || role === "dispatcher";
  const { toasts, push, dismiss } = useToasts();
  const [tabId] = useState(newTabId);
  const { day, getDay, pendingIds, commit, undo, reload, patch, setDragging: holdLoading } = useBoardData(initialDay, push, tabId);
  const { status: liveStatus, highlighted } = useLiveBoard(tabId, day.date, patch, reload);
  const now = useNowMinute(clockOffsetMs);
  const tz = day.company.timeZone;

  // the engine's view of the day; lanes and warnings are worked out as lanes come on screen,
  // and each change redoes only the lanes it touched (the next view derives from the last)
  const [deriveView] = useState(() => {
    let last: BoardView | undefined;
    return (d: BoardDay) => (last = createBoardView(d, last));
  });
  const view = useMemo(() => deriveView(day), [deriveView, day]);
  // the hours shown: the view's visits are already in minutes; the same range object while its ends stay put
  const { start: rangeStart, end: rangeEnd } = useMemo(() => timelineRange(day, {}, view.index.assignmentByJobId.values()), [day, view]);
  const range = useMemo(() => ({ start: rangeStart, end: rangeEnd }), [rangeStart, rangeEnd]);
  const bands = useMemo(() => slotBands(day.slotBlocks, range), [day.slotBlocks, range]);
  const recoveryBufferMin = day.company.recoveryBufferMin ?? 0;
  const ticks = useMemo(() => hourTicks(range, tz), [range, tz]);
  const [laneInfoOf] = useState(createLaneInfoCache);
  const queueJobs = useMemo(() => day.queue.map((id) => day.jobs[id]).filter((j): j is BoardJob => j !== undefined), [day]);
  const reviewJobs = useMemo(() => queueJobs.filter((j) => j.dispatchState === "review"), [queueJobs]);
  const check = useCallback(
    (jobId: string, p: Placement): CheckIssue[] => {
      const r = checkPlacement({ jobId, leaderId: p.leaderId, helperIds: p.helperIds, start: toMinute(p.start), end: toMinute(p.end) }, view.index, view.travel, { timeZone: tz });
      return [...r.errors, ...r.warnings];
    },
    [view, tz],
  );

  // --- selection and the details panel
  const [selectedJobId, setSelectedJobId] = useState<string | null>(null);
  // the job whose best suggestion was last scrolled into view; a new selection may scroll again
  const scrolledFor = useRef<string | null>(null);
  const selectedJob = selectedJobId ? day.jobs[selectedJobId] : undefined;
  const selectedAssignment = selectedJobId ? assignmentOf(day, selectedJobId) : undefined;
  const checkSelected = useCallback((p: Placement) => (selectedJobId ? check(selectedJobId, p) : []), [check, selectedJobId]);

  // --- asking before a change the customer must hear about (the 24-hour rule)
  const noticeAsk = useNoticeQuestion({ getDay, commit, undo, say: push, clockOffsetMs });
  const { question, requestChange } = noticeAsk;

  // --- suggested slots for the selected queued job, and accepting automatic assignments
  const suggestFor = editable && selectedJob && !selectedAssignment && day.queue.includes(selectedJob.id) ? selectedJob.id : null;
  const suggestions = useSuggestions(suggestFor, day);
  const pickSuggestion = useCallback(
    (s: SuggestedSlot) =>
      requestChange({ kind: "place", jobId: s.jobId, placement: { leaderId: s.technicianId, helperIds: [], start: s.candidate.start!, end: s.candidate.end! } }),
    [requestChange],
  );
  const { accepting, acceptAssignment, setVisitStatus } = useJobActions(push, reload);

  const { undoing, requestUndo } = useBoardUndo({
    tabId,
    editable,
    blocked: question !== null,
    clockOffsetMs,
    getDay,
    undo,
    reload,
    say: push,
    ask: noticeAsk.askAboutUndo,
  });

  // --- optimise day: the panel, the optimiser's progress, the preview and approval
  const [optimiseOpen, setOptimiseOpen] = useState(false);
  const optimiser = useOptimiseDay(async (applied) => {
    setOptimiseOpen(false);
    push("success", `Optimised: ${applied.summary}. Undo takes it all back.`);
    if (applied.warnings.length > 0) push("info", `Still to look at: ${applied.warnings.join(" ")}`);
    await reload();
  });
  // while a proposal is previewed, it is drawn on the lanes too
  const proposal = optimiseOpen && (optimiser.state.phase === "preview" || optimiser.state.phase === "applying") ? optimiser.state.proposal : null;
  const ghosts = useMemo(() => (proposal ? optimiseGhosts(proposal.plan, (m) => formatClock(m, tz)) : null), [proposal, tz]);

  // --- publishing
  const { publishAsk, setPublishAsk, publishing, published, setPublished, publish } = usePublish(day.date, push, reload);

  // --- drag and drop
  const { element: axisElement, setElement: setAxisElement, width: axisWidth } = useElementWidth<HTMLDivElement>();
  const drag = useBoardDrag({
    getDay,
    range,
    axisElement,
    check,
    onDrop: requestChange,
    onStart: () => {
      setSelectedJobId(null);
      holdLoading(true);
    },
    onSettle: () => holdLoading(false),
  });
  const { dragging, preview, overQueue, justDropped } = drag;
  const select = useCallback(
    (jobId: string) => {
      // the click that ends a drag is not a selection
      if (justDropped()) return;
      scrolledFor.current = null;
      setSelectedJobId(jobId);
    },
    [justDropped],
  );

  // --- lanes in view
  const technicians = day.technicians;
  const { setScrollElement, onScroll: onLaneScroll, start: firstLane, end: endLane } = useLaneWindow(technicians.length, LANE_HEIGHT);
  // the lane a drag started from stays mounted while it is scrolled away
  const dragFrom = dragging && dragging.type !== "queue" ? technicians.findIndex((t) => t.id === dragging.laneTechId) : null;
  const rendered = useMemo(() => lanesToRender(firstLane, endLane, dragFrom), [firstLane, endLane, dragFrom]);

  // --- zoom: wider hours scroll sideways; the time in the middle stays in the middle
  const { zoom, changeZoom, attachScroll, scrollRef } = useBoardZoom(setScrollElement, LABEL_WIDTH);

  const draggedJob = dragging ? day.jobs[dragging.jobId] : undefined;

  // suggested slots sit on their lanes (not while a drag shows its own ghost)
  const suggestedByLane = suggestions.status === "ready" && !dragging ? suggestions.byLane : null;
  const bestSuggestion = suggestions.status === "ready" ? suggestions.slots[0] : undefined;
  useEffect(() => {
    // bring the best suggestion into view when it is off screen, once per selected job
    const el = scrollRef.current;
    if (!el || !bestSuggestion || scrolledFor.current === bestSuggestion.jobId) return;
    scrolledFor.current = bestSuggestion.jobId;
    const index = technicians.findIndex((t) => t.id === bestSuggestion.technicianId);
    if (index === -1) return;
    const to = scrollToShow(el, { index, at: offsetPercent(range, bestSuggestion.start) / 100, laneCount: technicians.length, rowHeight: LANE_HEIGHT, labelWidth: LABEL_WIDTH });
    if (to) el.scrollTo({ top: to.scrollTop, left: to.scrollLeft });
  }, [bestSuggestion, technicians, range, scrollRef]);

  // the toolbar's actions keep their identity, so it is not drawn again on every move
  const onToolbarUndo = useCallback((c?: UndoableChange) => void requestUndo(c), [requestUndo]);
  const onToolbarPublish = useCallback(() => setPublishAsk(true), [setPublishAsk]);
  const resetOptimiser = optimiser.reset;
  const onToolbarOptimise = useCallback(() => {
    setSelectedJobId(null);
    resetOptimiser();
    setOptimiseOpen(true);
  }, [resetOptimiser]);

  return (
    <DndContext id={BOARD_DND_ID} collisionDetection={pointerWithin} {...drag.contextProps}>
      <div className="flex h-[calc(100vh-3rem)] min-h-[28rem] flex-col">
        <BoardToolbar
          date={day.date}
          today={today}
          timeZone={tz}
          editable={editable}
          liveStatus={liveStatus}
          busy={undoing || publishing}
          onUndo={onToolbarUndo}
          onPublish={onToolbarPublish}
          onOptimise={onToolbarOptimise}
          zoom={zoom}
          onZoom={changeZoom}
        />
        <SlotLegend bands={bands} recoveryBufferMin={recoveryBufferMin} onCall={onCall} timeZone={tz} today={today} />
        {notice ? (
          <p role="alert" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900">
            {notice}
          </p>
        ) : null}
        {published ? (
          <div role="status" className="flex items-start gap-3 border-b border-emerald-200 bg-emerald-50 px-4 py-1.5 text-[13px] text-emerald-950" data-testid="publish-result">
            <div className="flex-1">
              <p className="font-medium">{published.text}</p>
              {published.details.map((d, i) => (
                <p key={i} className="text-xs">
                  {d}
                </p>
              ))}
            </div>
            <button type="button" onClick={() => setPublished(null)} className="text-base leading-5 opacity-60 hover:opacity-100" aria-label="Dismiss">
              ×
            </button>
          </div>
        ) : null}
        <div className="relative flex min-h-0 flex-1">
          {optimiseOpen && editable ? (
            <aside
              className={
                ghosts
                  ? // the proposal is drawn on the lanes: the panel sits beside them, not over them
                    "relative z-20 order-1 w-[30rem] max-w-[50%] shrink-0 border-l border-slate-200"
                  : "absolute inset-y-0 right-0 z-20 w-[36rem] max-w-full border-l border-slate-200 shadow-[-4px_0_12px_rgba(15,23,42,0.08)]"
              }
            >
              <OptimisePanel
                date={day.date}
                technicians={day.technicians}
                timeZone={tz}
                state={optimiser.state}
                onRun={(r) => void optimiser.run(r)}
                onApprove={(p, r) => void optimiser.approve(p, r, tabId)}
                onCancel={optimiser.cancel}
                onBack={optimiser.reset}
                onClose={() => {
                  optimiser.cancel();
                  setOptimiseOpen(false);
                }}
              />
            </aside>
          ) : null}
          <section
            ref={attachScroll}
            onScroll={onLaneScroll}
            aria-label="Technician timelines"
            // "false" while a large board is still reading the lanes after its first paint
            data-complete={day.partial ? "false" : "true"}
            // reachable by keyboard even on a day with no blocks to focus (arrow keys scroll it)
            tabIndex={0}
            className="relative min-w-0 flex-1 overflow-auto overscroll-contain bg-white focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600"
          >
            <div style={{ width: zoom === 1 ? "100%" : `calc(${LABEL_WIDTH}px + (100% - ${LABEL_WIDTH}px) * ${zoom})` }}>
              <TimeAxis ref={setAxisElement} range={range} ticks={ticks} timeZone={tz} nowMinute={now} laneCount={technicians.length} labelWidth={LABEL_WIDTH} />
              <div className="relative" style={{ height: technicians.length * LANE_HEIGHT }}>
                {rendered.map((i) => {
                  const id = technicians[i].id;
                  const layout = view.layoutOf(id);
                  if (!layout) return null;
                  return (
                    <Lane
                      key={id}
                      layout={layout}
                      range={range}
                      hours={ticks.length}
                      minuteWidth={axisWidth > 0 ? axisWidth / (range.end - range.start) : null}
                      timeZone={tz}
                      top={i * LANE_HEIGHT}
                      height={LANE_HEIGHT}
                      labelWidth={LABEL_WIDTH}
                      info={laneInfoOf(layout, view)}
                      editable={editable}
                      selectedJobId={laneJob(layout, selectedJobId)}
                      highlighted={laneShare(layout, highlighted)}
                      pendingIds={laneShare(layout, pendingIds)}
                      draggingJobId={laneJob(layout, dragging && dragging.type === "block" ? dragging.jobId : null)}
                      preview={preview?.laneTechId === id ? preview.lane : null}
                      nowMinute={now}
                      onSelect={select}
                      suggestions={suggestedByLane?.get(id)}
                      onPickSuggestion={pickSuggestion}
                      slotBands={bands}
                      recoveryBufferMin={recoveryBufferMin}
                      ghosts={ghosts?.get(id)}
                    />
                  );
                })}
                {technicians.length === 0 ? <p className="px-4 py-10 text-center text-slate-500">No active technicians yet.</p> : null}
              </div>
            </div>
          </section>
          <aside className="relative order-2 flex w-[21rem] shrink-0 flex-col border-l border-slate-200 bg-white">
            <ReviewSection jobs={reviewJobs} selectedJobId={selectedJobId} onSelect={select} />
            <Queue
              jobs={queueJobs}
              date={day.date}
              timeZone={tz}
              editable={editable}
              selectedJobId={selectedJobId}
              pendingIds={pendingIds}
              acceptsBlock={dragging?.type === "block" || overQueue}
              draggingJobId={dragging?.type === "queue" ? dragging.jobId : null}
              onSelect={select}
            />
            {selectedJob ? (
              <div className="absolute inset-0 z-10 flex flex-col shadow-[-4px_0_12px_rgba(15,23,42,0.06)]">
                <DetailsPanel
                  key={`${selectedJob.id}:${selectedAssignment?.id ?? "queue"}:${selectedAssignment?.version ?? 0}:${selectedAssignment?.start ?? ""}:${selectedAssignment?.end ?? ""}:${selectedAssignment?.leaderId ?? ""}:${selectedAssignment?.helperIds.join() ?? ""}`}
                  job={selectedJob}
                  assignment={selectedAssignment}
                  technicians={day.technicians}
                  date={day.date}
                  timeZone={tz}
                  snapMinutes={day.company.snapMinutes}
                  editable={editable && selectedJob.status !== "done" && selectedJob.status !== "cancelled"}
                  pending={pendingIds.has(selectedJob.id)}
                  warnings={view.warningsOf(selectedJob.id)}
                  check={checkSelected}
                  onSave={(placement) => requestChange({ kind: "place", jobId: selectedJob.id, placement })}
                  onUnschedule={() => requestChange({ kind: "unassign", jobId: selectedJob.id })}
                  onClose={() => setSelectedJobId(null)}
                  visitStatus={
                    selectedAssignment || selectedJob.visitStatus ? (
                      <VisitStatusPanel
                        key={selectedJob.id}
                        job={selectedJob}
                        date={day.date}
                        timeZone={tz}
                        editable={editable && selectedJob.status !== "cancelled"}
                        onChange={(change) => setVisitStatus(selectedJob, change)}
                      />
                    ) : null
                  }
                  dispatch={
                    <>
                      {suggestFor && suggestions.status !== "idle" ? (
                        <SuggestionsPanel
                          suggestions={suggestions}
                          timeZone={tz}
                          why={suggestions.status === "ready" && suggestions.slots.length === 0 ? whyNoRoom(selectedJob, day, now ?? 0) : null}
                          pending={pendingIds.has(selectedJob.id)}
                          onAssign={pickSuggestion}
                        />
                      ) : null}
                      <DispatchNote
                        job={selectedJob}
                        editable={editable && selectedAssignment !== undefined}
                        accepting={accepting === selectedJob.id}
                        onAccept={() => void acceptAssignment(selectedJob)}
                      />
                    </>
                  }
                />
              </div>
            ) : null}
          </aside>
        </div>
      </div>
      <DragOverlay dropAnimation={null}>
        {/* over a lane the ghost shows where the job lands; the card only follows the pointer elsewhere */}
        {draggedJob && dragging?.type !== "resize" && !preview ? (
          <div className="pointer-events-none w-44 rounded border border-slate-300 border-l-[3px] border-l-brand-500 bg-white/95 px-2 py-1 text-[11px] leading-[13px] shadow-lg">
            <div className="font-semibold">{draggedJob.workOrder}</div>
            <div className="truncate text-slate-600">{draggedJob.customerName}</div>
            <div className="text-slate-500">{formatDuration(draggedJob.estimatedMinutes)}</div>
          </div>
        ) : null}
      </DragOverlay>
      <Toasts toasts={toasts} onDismiss={dismiss} />
      {question ? <NoticeDialog question={question} notifyCustomer={noticeAsk.notifyCustomer} onNotifyChange={noticeAsk.setNotifyCustomer} onAnswer={noticeAsk.answer} /> : null}
      {publishAsk ? (
        <ConfirmDialog title={`Publish the schedule for ${dayLabel(day.date)}?`} confirmLabel="Publish" busy={publishing} onConfirm={() => void publish()} onCancel={() => setPublishAsk(false)}>
          <p className="text-slate-700">
            Every technician whose day changed gets their new schedule, and customers with a new or moved visit get their arrival window.
          </p>
        </ConfirmDialog>
      ) : null}
    </DndContext>
  );
}
