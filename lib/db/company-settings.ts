/** Reading and changing a company's settings (admins; row-level security decides). */
import type { Queryable } from "@/lib/db/client";
import type { CompanySettingsValues } from "@/lib/schemas/company";

export async function loadCompanySettingsForm(tx: Queryable, orgId: string): Promise<CompanySettingsValues | null> {
  const [r] = await tx.query<Record<string, unknown>>(
    `select name, time_zone, travel_speed_kmh, road_factor, travel_buffer_min, capacity_threshold, snap_minutes,
            reschedule_notice_enabled, auto_dispatch_enabled, urgent_requires_admin, scoring_weights,
            time_off_needs_approval, visit_reminder_minutes, to_char(evening_summary_at, 'HH24:MI') as evening_summary_at
       from public.companies where id = $1`,
    [orgId],
  );
  if (!r) return null;
  const w = (r.scoring_weights ?? {}) as Record<string, number>;
  return {
    name: r.name as string,
    timeZone: r.time_zone as string,
    travelSpeedKmh: Number(r.travel_speed_kmh),
    roadFactor: Number(r.road_factor),
    travelBufferMin: Number(r.travel_buffer_min),
    capacityThresholdPercent: Math.round(Number(r.capacity_threshold) * 1000) / 10,
    snapMinutes: Number(r.snap_minutes) as CompanySettingsValues["snapMinutes"],
    rescheduleNoticeEnabled: Boolean(r.reschedule_notice_enabled),
    autoDispatchEnabled: Boolean(r.auto_dispatch_enabled),
    urgentRequiresAdmin: Boolean(r.urgent_requires_admin),
    timeOffNeedsApproval: Boolean(r.time_off_needs_approval),
    visitReminderMinutes: Number(r.visit_reminder_minutes),
    eveningSummaryAt: r.evening_summary_at as string,
    weights: { travel: w.travel ?? 1, skill: w.skill ?? 10, workload: w.workload ?? 40, preference: w.preference ?? 25 },
  };
}

/** Saves the settings; false when the row was not changed (not an admin of this company). */
export async function saveCompanySettings(tx: Queryable, orgId: string, v: CompanySettingsValues): Promise<boolean> {
  const rows = await tx.query(
    `update public.companies set name = $2, time_zone = $3, travel_speed_kmh = $4, road_factor = $5, travel_buffer_min = $6,
            capacity_threshold = $7, snap_minutes = $8, reschedule_notice_enabled = $9, auto_dispatch_enabled = $10,
            urgent_requires_admin = $11, scoring_weights = $12::jsonb, time_off_needs_approval = $13, visit_reminder_minutes = $14,
            evening_summary_at = $15::time
      where id = $1 returning id`,
    [orgId, v.name, v.timeZone, v.travelSpeedKmh, v.roadFactor, v.travelBufferMin, v.capacityThresholdPercent / 100, v.snapMinutes,
      v.rescheduleNoticeEnabled, v.autoDispatchEnabled, v.urgentRequiresAdmin, JSON.stringify(v.weights), v.timeOffNeedsApproval,
      v.visitReminderMinutes, v.eveningSummaryAt],
  );
  return rows.length > 0;
}
