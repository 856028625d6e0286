"use client";

import Link from "next/link";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { loadTechDayAction, reportVisitStatusAction, respondToOfferAction } from "@/app/tech/actions";
import { AvailabilityPanel } from "@/components/tech/AvailabilityPanel";
import { OfferCard } from "@/components/tech/OfferCard";
import { PushToggle } from "@/components/tech/PushToggle";
import { ReminderChannelPicker } from "@/components/tech/ReminderChannelPicker";
import { VisitCard, promisedWindow, type TapInput } from "@/components/tech/VisitCard";
import { useStatusQueue, type QueuedTap } from "@/components/tech/use-status-queue";
import { useBoardEvents } from "@/components/board/use-board-events";
import type { TechDay, TechVisit } from "@/lib/db/tech-day";
import { forecastLateness, type LateForecast } from "@/lib/engine/running-late";
import { formatDate } from "@/lib/time/calendar-date";

const toMinute = (iso: string) => Math.floor(Date.parse(iso) / 60000);

function subscribeOnline(fn: () => void): () => void {
  window.addEventListener("online", fn);
  window.addEventListener("offline", fn);
  return () => {
    window.removeEventListener("online", fn);
    window.removeEventListener("offline", fn);
  };
}

function dayHeading(date: string, index: number): string {
  const label = formatDate(date, "EEEE, MMMM d");
  return `${index === 0 ? "Today" : "Tomorrow"} · ${label}`;
}

function lateness(visits: TechVisit[], nowMin: number): Map<string, LateForecast> {
  const stops = visits.map((v) => ({
    id: v.job.id,
    start: toMinute(v.start),
    durationMin: toMinute(v.end) - toMinute(v.start),
    travelFrom: v.travelFrom,
    status: v.job.visitStatus,
    arrivedAt: v.job.arrivedAt ? toMinute(v.job.arrivedAt) : null,
    estimatedArrival: v.job.estimatedArrivalAt ? toMinute(v.job.estimatedArrivalAt) : null,
    promisedBy: promisedWindow(v).end,
  }));
  return new Map(forecastLateness(stops, nowMin).map((f) => [f.stopId, f]));
}

/** The technician's phone app: offers, today and tomorrow, live, with taps that survive going offline. */
export function TechApp({ initialDay, readOnly, clockOffsetMs }: { initialDay: TechDay; readOnly: boolean; clockOffsetMs: number }) {
  const [day, setDay] = useState(initialDay);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busyOffer, setBusyOffer] = useState<string | null>(null);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const planningNow = useCallback(() => Date.now() + clockOffsetMs, [clockOffsetMs]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const technicianId = day.technician.id;

  const refresh = useCallback(async () => {
    try {
      const r = await loadTechDayAction({ technicianId: readOnly ? technicianId : null });
      if (r.ok) setDay(r.data);
    } catch {
      // offline: keep showing the last day loaded
    }
  }, [readOnly, technicianId]);

  // one change on the board arrives as several events: reload once they settle
  const scheduleRefresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void refresh(), 250);
  }, [refresh]);
  useBoardEvents(scheduleRefresh, { onReconnect: scheduleRefresh });

  const send = useCallback(
    (tap: QueuedTap) =>
      reportVisitStatusAction({
        jobId: tap.jobId,
        status: tap.status,
        idempotencyKey: tap.key,
        occurredAt: tap.occurredAt,
        note: tap.note ?? null,
        reason: tap.reason ?? null,
        estimatedArrivalAt: tap.estimatedArrivalAt ?? null,
      }),
    [],
  );
  const queue = useStatusQueue(technicianId, send, scheduleRefresh);

  const onTap = (visit: TechVisit, tap: TapInput) =>
    queue.enqueue({ ...tap, jobId: visit.job.id, workOrder: visit.job.workOrder, occurredAt: new Date(planningNow()).toISOString() });

  const answer = async (offerId: string, accept: boolean, reason: string | null) => {
    setBusyOffer(offerId);
    try {
      const r = await respondToOfferAction({ offerId, accept, reason });
      setMessage(r.ok ? { tone: r.data.outcome === "taken" ? "error" : "ok", text: r.data.message } : { tone: "error", text: r.error.message });
      await refresh();
    } catch {
      setMessage({ tone: "error", text: "No connection: answer the offer again when you are back online." });
    } finally {
      setBusyOffer(null);
    }
  };

  const nowMin = Math.floor(planningNow() / 60000);
  const late = useMemo(() => lateness(day.days[0]?.visits ?? [], nowMin), [day, nowMin]);
  const openOffers = day.offers;

  return (
    <main className="space-y-5 p-3 pb-10">
      {readOnly ? (
        <p className="rounded-md border border-slate-300 bg-white p-2 text-sm text-slate-700">
          Read-only view of <strong>{day.technician.name}</strong>&apos;s day as they see it.
        </p>
      ) : null}
      {!online ? (
        <p role="status" className="rounded-md bg-slate-800 px-3 py-2 text-sm text-white" data-testid="offline-banner">
          Offline: showing the day as last loaded. Status taps are kept and sent when you are back online.
        </p>
      ) : null}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`} data-testid="tech-message">
          {message.text}
        </p>
      ) : null}
      {queue.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {queue.error}
        </p>
      ) : null}

      {openOffers.length > 0 ? (
        <section aria-labelledby="offers-heading">
          <h2 id="offers-heading" className="mb-2 text-base font-semibold text-slate-900">
            Offers
          </h2>
          <ul className="space-y-3">
            {openOffers.map((o) => (
              <OfferCard key={o.id} offer={o} timeZone={day.company.timeZone} readOnly={readOnly} busy={busyOffer === o.id} onAnswer={(accept, reason) => void answer(o.id, accept, reason)} />
            ))}
          </ul>
        </section>
      ) : null}

      {day.days.map((d, i) => (
        <section key={d.date} aria-labelledby={`day-${d.date}`} data-testid={i === 0 ? "today" : "tomorrow"}>
          <h2 id={`day-${d.date}`} className="mb-2 text-base font-semibold text-slate-900">
            {dayHeading(d.date, i)}
          </h2>
          {d.visits.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 bg-white p-3 text-slate-600">No published visits.</p>
          ) : (
            <ol className="space-y-3">
              {d.visits.map((v, index) => (
                <VisitCard
                  key={v.assignmentId}
                  visit={v}
                  index={index}
                  timeZone={day.company.timeZone}
                  readOnly={readOnly || i > 0}
                  queued={queue.pending.filter((q) => q.jobId === v.job.id)}
                  late={i === 0 ? (late.get(v.job.id) ?? null) : null}
                  planningNow={planningNow}
                  onTap={(tap) => onTap(v, tap)}
                />
              ))}
            </ol>
          )}
          {d.visits.length > 0 ? (
            <Link
              href={`/tech/route?date=${d.date}${readOnly ? `&technician=${day.technician.id}` : ""}`}
              className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline-offset-2 hover:underline"
            >
              Route plan and map
            </Link>
          ) : null}
        </section>
      ))}
      {readOnly ? null : <AvailabilityPanel timeZone={day.company.timeZone} today={day.days[0].date} />}
      {readOnly ? null : <PushToggle />}
      {readOnly ? null : <ReminderChannelPicker initial={day.technician.reminderChannel} />}
    </main>
  );
}
