"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A small modal question with Confirm and Cancel. The browser's own <dialog>
 * keeps focus inside it and closes it on Escape.
 */
export function ConfirmDialog({ title, children, confirmLabel, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-sm text-slate-900 shadow-xl backdrop:bg-slate-900/30"
      data-testid="confirm-dialog"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <div className="space-y-3 px-4 pt-4 pb-3">
          <h2 id={`${id}-title`} className="text-[15px] font-semibold leading-5">
            {title}
          </h2>
          {children}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-4 py-2.5">
          <button type="button" onClick={onCancel} className="h-8 rounded border border-slate-300 bg-white px-3 text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
          <button type="submit" autoFocus disabled={busy} className="h-8 rounded bg-brand-600 px-3 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {busy ? "Working…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
