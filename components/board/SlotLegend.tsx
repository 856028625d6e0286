"use client";

import Link from "next/link";
import { RECOVERY_BAND_STYLE, SLOT_BAND_STYLE, type SlotBand } from "@/components/board/slot-bands";
import type { OnCallNow } from "@/lib/db/on-call";
import { formatDate } from "@/lib/time/calendar-date";
import { formatClockRange, formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

export interface SlotLegendProps {
  bands: readonly SlotBand[];
  recoveryBufferMin: number;
  onCall: readonly OnCallNow[];
  timeZone: string;
  /** Today in the company's time zone (an on-call turn ending later names its day). */
  today: string;
}

/** One entry per distinct block (the same label and kind at several times is listed once with its times). */
function groupBands(bands: readonly SlotBand[], timeZone: string): { kind: SlotBand["kind"]; label: string; times: string[] }[] {
  const groups = new Map<string, { kind: SlotBand["kind"]; label: string; times: string[] }>();
  for (const b of bands) {
    const key = `${b.kind}:${b.label}`;
    const g = groups.get(key) ?? { kind: b.kind, label: b.label, times: [] };
    g.times.push(formatClockRange(b, timeZone));
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** "08:00" when the turn ends on the same day as now, "Mon Nov 30, 08:00" otherwise. */
function untilLabel(until: string, today: string, timeZone: string): string {
  const end = new Date(until);
  const date = wallClock(end, timeZone).date;
  return date === today ? formatHm(end, timeZone) : `${formatDate(date, "EEE MMM d")}, ${formatHm(end, timeZone)}`;
}

/**
 * The key to what the lanes draw behind the visits (fixed blocks, flex slots,
 * the recovery buffer) and who is on call right now.
 */
export function SlotLegend({ bands, recoveryBufferMin, onCall, timeZone, today }: SlotLegendProps) {
  const groups = groupBands(bands, timeZone);
  if (groups.length === 0 && recoveryBufferMin <= 0 && onCall.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-1 text-xs text-slate-700" data-testid="board-legend">
      {groups.length > 0 || recoveryBufferMin > 0 ? (
        <ul aria-label="Slot template" className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {groups.map((g) => (
            <li key={`${g.kind}:${g.label}`} className="flex items-center gap-1.5" data-testid="legend-block" data-kind={g.kind}>
              <span className={`inline-block h-3 w-5 rounded-sm ${SLOT_BAND_STYLE[g.kind]}`} aria-hidden="true" />
              <span>
                {g.kind === "flex" ? "Flex slot, urgent work only" : "Fixed block"}: <span className="font-medium text-slate-900">{g.label}</span> {g.times.join(", ")}
              </span>
            </li>
          ))}
          {recoveryBufferMin > 0 ? (
            <li className="flex items-center gap-1.5" data-testid="legend-buffer">
              <span className={`inline-block h-1.5 w-5 ${RECOVERY_BAND_STYLE}`} aria-hidden="true" />
              <span>Recovery buffer: {recoveryBufferMin} min after a visit when another follows</span>
            </li>
          ) : null}
        </ul>
      ) : null}
      {onCall.length > 0 ? (
        <p className="ml-auto" data-testid="on-call-now">
          <Link href="/oncall" className="font-medium text-brand-700 underline">
            On call now
          </Link>
          {": "}
          {onCall.map((o, i) => (
            <span key={o.rotationId} data-technician-id={o.technicianId}>
              {i > 0 ? "; " : ""}
              {o.technicianName} ({o.rotationName}, until {untilLabel(o.until, today, timeZone)}
              {o.swappedFrom ? ", swapped" : ""})
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
