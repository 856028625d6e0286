"use client";

import { useState } from "react";
import type { TechOffer } from "@/lib/db/tech-day";
import { formatClock } from "@/lib/time/format-time";
import { formatDuration } from "@/lib/board-format";
import { formatInZone } from "@/lib/time/format-time";

const toMinute = (iso: string) => Math.floor(Date.parse(iso) / 60000);

const STATE_TEXT: Record<TechOffer["state"], string> = {
  open: "Open",
  accepted: "Yours",
  declined: "Declined",
  taken: "Taken",
};

/** A broadcast offer: accept it, or decline with a short reason. */
export function OfferCard({
  offer,
  timeZone,
  readOnly,
  busy,
  onAnswer,
}: {
  offer: TechOffer;
  timeZone: string;
  readOnly: boolean;
  busy: boolean;
  onAnswer: (accept: boolean, reason: string | null) => void;
}) {
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const { job } = offer;
  const day = formatInZone(offer.start, "EEE, MMM d", { timeZone });
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="offer"
      data-work-order={job.workOrder}
      data-state={offer.state}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="font-semibold text-slate-900">
            {job.workOrder} · {job.customerName}
          </div>
          <div className="text-slate-700">{job.description}</div>
          <div className="mt-1 text-sm text-slate-600">
            {day}, {formatClock(toMinute(offer.start), timeZone)}–{formatClock(toMinute(offer.end), timeZone)} ({formatDuration(job.estimatedMinutes)})
            {job.city ? ` · ${job.city}` : ""}
          </div>
        </div>
        <span
          className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${offer.state === "open" ? "bg-brand-100 text-brand-700" : offer.state === "accepted" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}
          data-testid="offer-state"
        >
          {STATE_TEXT[offer.state]}
        </span>
      </div>
      {offer.state === "open" && !readOnly ? (
        declining ? (
          <form
            className="mt-3 space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              onAnswer(false, reason.trim() || null);
            }}
          >
            <label className="block text-sm font-medium text-slate-700" htmlFor={`decline-${offer.id}`}>
              Why not? (optional)
            </label>
            <input
              id={`decline-${offer.id}`}
              className="block min-h-11 w-full rounded-md border border-slate-300 px-3"
              value={reason}
              maxLength={300}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. no parts in the van"
            />
            <div className="flex gap-2">
              <button type="submit" disabled={busy} className="min-h-12 flex-1 rounded-md bg-slate-700 px-4 font-semibold text-white disabled:opacity-60">
                Decline offer
              </button>
              <button type="button" onClick={() => setDeclining(false)} className="min-h-12 rounded-md border border-slate-300 px-4 text-slate-700">
                Back
              </button>
            </div>
          </form>
        ) : (
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => onAnswer(true, null)}
              className="min-h-12 flex-1 rounded-md bg-emerald-700 px-4 font-semibold text-white active:bg-emerald-800 disabled:opacity-60"
            >
              Accept
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setDeclining(true)}
              className="min-h-12 flex-1 rounded-md border border-slate-300 bg-white px-4 font-semibold text-slate-800 disabled:opacity-60"
            >
              Decline
            </button>
          </div>
        )
      ) : null}
    </li>
  );
}
