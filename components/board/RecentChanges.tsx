"use client";

import { useEffect, useRef, useState } from "react";
import { listUndoableAction } from "@/app/(app)/schedules/actions";
import type { UndoableChange } from "@/lib/db/board-changes";
import { formatClock } from "@/lib/time/format-time";
import { toMinute } from "@/lib/time/epoch-minute";

export interface RecentChangesProps {
  timeZone: string;
  onUndo: (change: UndoableChange) => void;
}

/** A menu of the person's last ten changes that can still be undone, each with its own Undo. */
export function RecentChanges({ timeZone, onUndo }: RecentChangesProps) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<UndoableChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const toggle = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    setItems(null);
    setError(null);
    try {
      const res = await listUndoableAction({});
      if (res.ok) setItems(res.data);
      else setError(res.error.message);
    } catch {
      setError("Your recent changes could not be loaded.");
    }
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        aria-haspopup="true"
        className="h-7 rounded-r-md border border-slate-300 bg-white px-1.5 text-slate-600 hover:bg-slate-100"
        aria-label="Recent changes"
        title="Recent changes"
      >
        ▾
      </button>
      {open ? (
        <div className="absolute right-0 z-40 mt-1 w-[26rem] rounded-md border border-slate-200 bg-white py-1 text-xs shadow-lg" data-testid="recent-changes">
          <p className="px-3 py-1 font-medium text-slate-500">Your recent changes</p>
          {error ? <p className="px-3 py-2 text-red-700">{error}</p> : null}
          {items === null && !error ? <p className="px-3 py-2 text-slate-500">Loading…</p> : null}
          {items?.length === 0 ? <p className="px-3 py-2 text-slate-500">Nothing of yours to undo.</p> : null}
          <ul>
            {items?.map((c) => (
              <li key={c.id} className="flex items-center gap-2 px-3 py-1 hover:bg-slate-50">
                <span className="w-10 shrink-0 tabular-nums text-slate-600">{formatClock(toMinute(c.createdAt), timeZone)}</span>
                <span className="min-w-0 flex-1 truncate text-slate-700" title={c.summary}>
                  {c.summary}
                </span>
                <button
                  type="button"
                  className="shrink-0 rounded border border-slate-300 px-1.5 py-0.5 text-slate-700 hover:bg-slate-100"
                  onClick={() => {
                    setOpen(false);
                    onUndo(c);
                  }}
                >
                  Undo
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
