"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import {
  PointerSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type Over,
  type ScreenReaderInstructions,
} from "@dnd-kit/core";
import type { BlockDragData } from "@/components/board/JobBlock";
import type { LanePreview } from "@/components/board/Lane";
import type { QueueDragData } from "@/components/board/Queue";
import { assignmentOf, type BoardChange, type Placement } from "@/components/board/board-state";
import { moveBlock, placeFromQueue, resizeBlock } from "@/components/board/drag-placement";
import { minuteAtX, minutesPerPixel } from "@/components/board/timeline";
import type { BoardDay } from "@/lib/db/board";
import type { CheckIssue } from "@/lib/engine/checks";
import type { Interval } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";

export type DragData = QueueDragData | BlockDragData;
type DropTarget = { type: "lane"; techId: string } | { type: "queue" } | undefined;

export interface BoardDragOptions {
  getDay: () => BoardDay;
  /** The stretch of the day the lanes show. */
  range: Interval;
  /** The time axis strip: every lane has its geometry, so pointer x is read against it. */
  axisElement: HTMLElement | null;
  check: (jobId: string, p: Placement) => CheckIssue[];
  /** A finished drag that changes something. */
  onDrop: (change: BoardChange) => void;
  onStart?: () => void;
  /** A drag ended, dropped or cancelled. */
  onSettle?: () => void;
}

interface Proposal {
  change: BoardChange;
  /** The lane the ghost shows on (null when dropping on the queue). */
  laneTechId: string | null;
}


/**
 * Drag and drop on the board with dnd-kit: a queue card onto a lane at a time, a
 * block to another lane or time, a block's right edge to a new length, a block
 * onto the queue to unschedule it. While dragging, a ghost shows where the job
 * lands (snapped) and how many warnings it would get there.
 */
export function useBoardDrag({ getDay, range, axisElement, check, onDrop, onStart, onSettle }: BoardDragOptions) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const [dragging, setDragging] = useState<DragData | null>(null);
  const [preview, setPreview] = useState<{ laneTechId: string; lane: LanePreview } | null>(null);
  const [overQueue, setOverQueue] = useState(false);
  const lastDrop = useRef(0);

  const propose = (active: Active, over: Over | null, deltaX: number, activator: Event): Proposal | null => {
    const data = active.data.current as DragData | undefined;
    const rect = axisElement?.getBoundingClientRect();
    if (!data || !rect || rect.width === 0) return null;
    const d = getDay();
    const job = d.jobs[data.jobId];
    if (!job) return null;
    const ctx = { range, snapMinutes: d.company.snapMinutes };
    const target = over?.data.current as DropTarget;
    const mpp = minutesPerPixel(range, rect.width);
    if (data.type === "queue") {
      if (target?.type !== "lane") return null;
      // the job starts where the pointer is
      const startX = (activator as PointerEvent).clientX ?? 0;
      const placement = placeFromQueue(job, target.techId, minuteAtX(range, startX + deltaX, rect), ctx);
      return { change: { kind: "place", jobId: job.id, placement }, laneTechId: target.techId };
    }
    const a = assignmentOf(d, job.id);
    if (!a) return null;
    if (data.type === "resize") {
      return { change: { kind: "place", jobId: job.id, placement: resizeBlock(a, deltaX * mpp, ctx) }, laneTechId: data.laneTechId };
    }
    if (target?.type === "queue") return { change: { kind: "unassign", jobId: job.id }, laneTechId: null };
    if (target?.type !== "lane") return null;
    return { change: { kind: "place", jobId: job.id, placement: moveBlock(a, data.laneTechId, target.techId, deltaX * mpp, ctx) }, laneTechId: target.techId };
  };

  const onDragStart = (e: DragStartEvent) => {
    setDragging((e.active.data.current as DragData | undefined) ?? null);
    onStart?.();
  };

  const onDragMove = (e: DragMoveEvent) => {
    const p = propose(e.active, e.over, e.delta.x, e.activatorEvent);
    setOverQueue(p?.change.kind === "unassign");
    if (!p || p.change.kind !== "place" || !p.laneTechId) {
      setPreview((v) => (v === null ? v : null));
      return;
    }
    const { jobId, placement } = p.change;
    const start = toMinute(placement.start);
    const end = toMinute(placement.end);
    const laneTechId = p.laneTechId;
    setPreview((v) => {
      // only a new snapped slot is worth a render and a check
      if (v && v.laneTechId === laneTechId && v.lane.start === start && v.lane.end === end) return v;
      const job = getDay().jobs[jobId];
      return { laneTechId, lane: { jobId, workOrder: job.workOrder, start, end, warningCount: check(jobId, placement).length } };
    });
  };

  const settle = () => {
    setDragging(null);
    setPreview(null);
    setOverQueue(false);
    lastDrop.current = Date.now();
  };

  const onDragCancel = () => {
    settle();
    onSettle?.();
  };

  const onDragEnd = (e: DragEndEvent) => {
    const p = propose(e.active, e.over, e.delta.x, e.activatorEvent);
    settle();
    // the change is on its way (and counted as being saved) before the drag is over
    if (p) onDrop(p.change);
    onSettle?.();
  };

  /** True right after a drop: the click the browser sends with it is not a selection. */
  const justDropped = useCallback(() => Date.now() - lastDrop.current < 60, []);

  // what a screen reader hears during a drag: work orders and names, not internal ids
  const accessibility = useMemo(() => {
    const wo = (a: Active) => getDay().jobs[(a.data.current as DragData | undefined)?.jobId ?? ""]?.workOrder ?? "the job";
    const place = (o: Over | null) => {
      const t = o?.data.current as DropTarget;
      if (t?.type === "queue") return "the unscheduled queue";
      if (t?.type === "lane") return `${getDay().technicians.find((x) => x.id === t.techId)?.name ?? "a technician"}'s lane`;
      return null;
    };
    const screenReaderInstructions: ScreenReaderInstructions = {
      draggable: "Press Enter to open the job's details, where its start, length and crew can be set without dragging.",
    };
    const announcements: Announcements = {
      onDragStart: ({ active }) => `Picked up ${wo(active)}.`,
      onDragOver: ({ active, over }) => (place(over) ? `${wo(active)} is over ${place(over)}.` : `${wo(active)} is not over a lane.`),
      onDragEnd: ({ active, over }) => (place(over) ? `${wo(active)} was dropped on ${place(over)}.` : `${wo(active)} was put back.`),
      onDragCancel: ({ active }) => `Moving ${wo(active)} was cancelled.`,
    };
    return { screenReaderInstructions, announcements };
  }, [getDay]);

  return {
    dragging,
    preview,
    overQueue,
    justDropped,
    /** Spread on the DndContext. */
    contextProps: { sensors, accessibility, onDragStart, onDragMove, onDragEnd, onDragCancel },
  };
}
