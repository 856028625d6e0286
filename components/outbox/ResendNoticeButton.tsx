"use client";

import { useState, useTransition } from "react";
import { resendNoticeAction } from "@/app/(app)/outbox/actions";

/** "Resend" for a notice whose outcome is unknown: a person decides it never arrived. */
export function ResendNoticeButton({ notificationId, recipient }: { notificationId: string; recipient: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="ml-2 inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-slate-800 hover:bg-slate-100 disabled:opacity-60"
        aria-label={`Resend to ${recipient}`}
        onClick={() =>
          start(async () => {
            const result = await resendNoticeAction({ notificationId });
            setMessage(result.ok ? "Queued to send again." : result.error.message);
          })
        }
      >
        {pending ? "Resending…" : "Resend"}
      </button>
      {message ? (
        <span role="status" className="text-slate-700">
          {message}
        </span>
      ) : null}
    </span>
  );
}
