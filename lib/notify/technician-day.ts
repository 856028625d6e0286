/**
 * The notice a technician gets for a day: stops in route order with times, addresses,
 * driving and notes. Pure: plain data in, text out, times in the company's zone.
 */
import { formatDuration } from "@/lib/board-format";
import { formatHm } from "@/lib/time/format-time";
import { SMS_MAX_LENGTH, clean, fitSms, lines, oneLine, type ComposedNotice } from "@/lib/notify/notice-text";
import { dateLabel } from "@/lib/notify/notice-windows";

export interface TechnicianDayStop {
  start: string | Date;
  end: string | Date;
  workOrder: string;
  customerName: string;
  address?: string | null;
  /** Driving minutes from the previous stop (from home for the first). */
  travelMinutes: number;
  /** What the job is. */
  description?: string | null;
  /** Notes for the technician (gate codes, pets, parts). */
  notes?: string | null;
  /** "helper" when the technician helps another crew leader on this job. */
  role?: "leader" | "helper";
  /** Who leads the crew, shown to helpers. */
  leaderName?: string | null;
}

export interface TechnicianDayInput {
  companyName: string;
  timeZone: string;
  technicianName: string;
  /** The day, YYYY-MM-DD in the company's time zone. */
  date: string;
  stops: TechnicianDayStop[];
  /** True when the day was announced before and this notice replaces it. */
  update?: boolean;
  /** Driving minutes home after the last stop, when known. */
  travelHomeMinutes?: number | null;
}

/**
 * A technician's day in route order: times, addresses, driving minutes and notes.
 *
 * @example
 * composeTechnicianDay({ companyName: "Acme Heating", timeZone: "America/Chicago", technicianName: "Sam Ortiz",
 *   date: "2026-11-23", stops: [{ start: "2026-11-23T14:30:00Z", end: "2026-11-23T16:00:00Z", workOrder: "WO-1042",
 *   customerName: "Dana Whitfield", address: "1450 W Lake St", travelMinutes: 18 }] }).subject
 * // "Your schedule for Monday, November 23: 1 job from 08:30"
 */
export function composeTechnicianDay(input: TechnicianDayInput): ComposedNotice {
  const tz = input.timeZone;
  const day = dateLabel(input.date);
  const stops = [...input.stops].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const firstName = input.technicianName.trim().split(/\s+/)[0] || input.technicianName;
  const heading = input.update ? "Updated schedule" : "Your schedule";

  if (stops.length === 0) {
    const text = lines(
      `Hi ${firstName},`,
      "",
      input.update
        ? `Your schedule for ${day} has changed: you have no jobs that day any more.`
        : `You have no jobs scheduled for ${day}.`,
      "",
      input.companyName,
    );
    return {
      subject: `${heading} for ${day}: no jobs`,
      text,
      sms: fitSms([`${input.companyName}: ${input.update ? "update, " : ""}you have no jobs on ${day}.`]),
    };
  }

  const count = stops.length === 1 ? "1 job" : `${stops.length} jobs`;
  const firstStart = formatHm(new Date(stops[0].start), tz);
  const workMin = stops.reduce((sum, s) => sum + Math.round((new Date(s.end).getTime() - new Date(s.start).getTime()) / 60000), 0);
  const driveMin = stops.reduce((sum, s) => sum + Math.max(0, Math.round(s.travelMinutes)), 0) + Math.max(0, Math.round(input.travelHomeMinutes ?? 0));

  const blocks = stops.map((s, i) => {
    const range = `${formatHm(new Date(s.start), tz)}–${formatHm(new Date(s.end), tz)}`;
    const travel = Math.max(0, Math.round(s.travelMinutes));
    const from = i === 0 ? "from home" : "from the previous job";
    return lines(
      `${i + 1}. ${range}  ${s.workOrder} · ${oneLine(s.customerName)}${s.role === "helper" ? " (helping" + (clean(s.leaderName) ? ` ${clean(s.leaderName)}` : "") + ")" : ""}`,
      `   ${clean(s.address) ? oneLine(s.address as string) : "Address not on file"}`,
      `   Drive: ${travel === 0 ? "none" : `${formatDuration(travel)} ${from}`}`,
      clean(s.description) && `   Job: ${oneLine(s.description as string)}`,
      clean(s.notes) && `   Notes: ${oneLine(s.notes as string)}`,
    );
  });
  const home = input.travelHomeMinutes ? `Drive home after the last job: ${formatDuration(Math.round(input.travelHomeMinutes))}.` : null;
  const text = lines(
    `Hi ${firstName},`,
    "",
    input.update
      ? `Your schedule for ${day} has changed. This replaces what we sent before (times in ${tz}):`
      : `Here is your schedule for ${day} (times in ${tz}):`,
    "",
    blocks.join("\n\n"),
    "",
    `${count}, ${formatDuration(workMin)} of work, ${formatDuration(driveMin)} of driving.`,
    home,
    "",
    input.companyName,
  );

  // as many stops as fit, then how many did not
  const smsStops = stops.map((s) => {
    const where = clean(s.address) ? ` (${oneLine(s.address as string)})` : "";
    return `${formatHm(new Date(s.start), tz)} ${s.workOrder}${where}`;
  });
  const head = `${input.companyName}: ${input.update ? "UPDATED schedule" : "Your schedule"} for ${day}, ${count}:`;
  const smsWith = (k: number) =>
    oneLine(`${head} ${smsStops.slice(0, k).join("; ")}${k > 0 ? "." : ""}${k < stops.length ? ` +${stops.length - k} more.` : ""}`);
  let shown = stops.length;
  while (shown > 0 && smsWith(shown).length > SMS_MAX_LENGTH) shown -= 1;
  const sms = fitSms([smsWith(shown)]);

  return {
    subject: `${heading} for ${day}: ${count} from ${firstStart}`,
    text,
    sms,
  };
}
