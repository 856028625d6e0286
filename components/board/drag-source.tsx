"use client";

import { useState, type HTMLAttributes, type PointerEvent, type ReactNode, type Ref } from "react";
import { useDraggable, useDroppable } from "@dnd-kit/core";

/**
 * The board's DndContext id. dnd-kit gives the hidden "how to drag" text this id, so
 * the items (which have no draggable of their own) name it as their `aria-describedby`.
 */
export const BOARD_DND_ID = "day-board";

/** The item a pointer pressed inside a drag source: the element dragged and what its drag carries. */
export interface Picked<D> {
  node: HTMLElement;
  data: D;
}

export interface DragSourceProps<D extends object> extends Omit<HTMLAttributes<HTMLElement>, "onPointerDown" | "children"> {
  /** The draggable's id: one per source (a lane, the queue), not per item. */
  id: string;
  disabled: boolean;
  /** The item under the pointer that may be dragged, or null (a click on anything else). */
  pick: (target: Element) => Picked<D> | null;
  /** Also a drop target with this id and data (a lane's timeline). */
  drop?: { id: string; data: Record<string, unknown> };
  /** The element drawn: `div` or `ul`. */
  as?: "div" | "ul";
  /** The drag source's items, drawn by its parent; a drag redraws them only through their own props. */
  children: ReactNode;
  className?: string;
  /** The class while a drag is over this source (with `drop`). */
  overClassName?: string;
}

/**
 * One dnd-kit draggable (and optionally droppable) for a whole list of items: a lane's
 * visits, the queue's cards. dnd-kit redraws every draggable and droppable when a drag
 * starts, moves over a new target or ends; with a draggable per visit that was every
 * block on screen, twice (a block and its resize edge), on every drop. Here the item
 * pressed is found from the pointer's target when it goes down, becomes the drag's
 * node (what dnd-kit measures and the overlay starts from) and gives the drag its data.
 * Only this element is redrawn by dnd-kit; the items are the parent's children and
 * keep their own memoised renders.
 *
 * @example
 * <DragSource id={`lane:${id}`} disabled={!editable} pick={(t) => pickBlock(t, id)}>{blocks}</DragSource>
 */
export function DragSource<D extends object>({ id, disabled, pick, drop, as = "div", children, className = "", overClassName = "", ...rest }: DragSourceProps<D>) {
  // what the drag carries: the item last pressed (set on pointerdown, before any drag starts)
  const [data, setData] = useState<D | null>(null);
  const { setNodeRef: setDragNode, listeners } = useDraggable({ id: `source:${id}`, data: data ?? undefined, disabled });
  const { setNodeRef: setDropNode, isOver } = useDroppable({ id: drop?.id ?? `source-drop:${id}`, data: drop?.data, disabled: disabled || drop === undefined });
  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    if (!listeners) return;
    const picked = pick(e.target as Element);
    if (!picked) return;
    setData(picked.data);
    setDragNode(picked.node);
    listeners.onPointerDown(e);
  };
  const props = {
    ...rest,
    ref: (drop ? setDropNode : undefined) as Ref<never> | undefined,
    onPointerDown,
    "data-over": drop && isOver ? "true" : undefined,
    className: `${className} ${drop && isOver ? overClassName : ""}`,
  };
  return as === "ul" ? <ul {...props}>{children}</ul> : <div {...props}>{children}</div>;
}
