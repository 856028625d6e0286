"use client";

import type { Toast } from "@/components/board/use-toasts";

const TONE = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
  info: "border-slate-300 bg-white text-slate-900",
  error: "border-red-300 bg-red-50 text-red-950",
} as const;

/** The board's messages, bottom left: errors are alerts, the rest polite status. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="pointer-events-none fixed bottom-3 left-3 z-50 flex w-[28rem] max-w-[calc(100vw-1.5rem)] flex-col gap-2" data-testid="toasts">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.tone === "error" ? "alert" : "status"}
          className={`pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-[13px] shadow-md ${TONE[t.tone]}`}
          data-testid={`toast-${t.tone}`}
        >
          <div className="min-w-0 flex-1">
            <p className="leading-5">{t.text}</p>
            {t.details?.map((d, i) => (
              <p key={i} className="text-xs leading-4 opacity-80">
                {d}
              </p>
            ))}
          </div>
          <button type="button" onClick={() => onDismiss(t.id)} className="-mr-1 rounded px-1 text-base leading-5 opacity-60 hover:opacity-100" aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
