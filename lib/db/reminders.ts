/**
 * Reminders to technicians, queued by the outbox worker's loop: before each
 * published visit (company setting, default 30 minutes) and, after the company's
 * evening hour, a summary of tomorrow's published day. Every reminder has a key
 * per visit (or per technician and day), so several app instances running the
 * same round queue it once.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";
import { queueTechnicianNotice } from "@/lib/db/technician-notices";
import { formatHm } from "@/lib/time/format-time";
import { composeTechnicianDay } from "@/lib/notify/technician-day";

export interface ReminderReport {
  visits: number;
  summaries: number;
}

interface Snapshot {
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

interface CrewMember {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  reminder_channel: "push" | "sms" | "email";
}

async function crewOf(tx: Parameters<Parameters<typeof withService>[1]>[0], ids: string[]): Promise<CrewMember[]> {
  return tx.query<CrewMember>("select id, name, email, phone, reminder_channel from public.technicians where id = any($1::uuid[]) and active", [ids]);
}

/**
 * Queues the reminders due at `now` (only the companies in `orgIds` when given).
 *
 * @example
 * await queueDueReminders(db, now()) // { visits: 3, summaries: 0 }
 */
export async function queueDueReminders(db: Db, now: Date, orgIds?: readonly string[]): Promise<ReminderReport> {
  return withService(db, async (tx) => {
    const report: ReminderReport = { visits: 0, summaries: 0 };
    const orgs = orgIds ? [...orgIds] : null;
    const visits = await tx.query<{
      assignment_id: string;
      snapshot: Snapshot;
      org_id: string;
      job_id: string;
      work_order: string;
      customer_name: string;
      address: string | null;
      city: string | null;
      company_name: string;
      time_zone: string;
    }>(
      `select a.id as assignment_id,
              coalesce(a.published_snapshot, jsonb_build_object('leaderId', a.leader_id, 'start', a.starts_at, 'end', a.ends_at,
                'helperIds', coalesce((select jsonb_agg(h.technician_id) from public.assignment_helpers h where h.assignment_id = a.id), '[]'::jsonb))) as snapshot,
              a.org_id, j.id as job_id, j.work_order,
              c.name as customer_name, j.address, j.city, co.name as company_name, co.time_zone
         from public.assignments a
         join public.companies co on co.id = a.org_id
         join public.jobs j on j.id = a.job_id
         join public.customers c on c.id = j.customer_id
        where a.active and (a.published_snapshot is not null or a.published_at is not null) and co.visit_reminder_minutes > 0
          and ($2::uuid[] is null or a.org_id = any($2::uuid[]))
          and coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at) > $1
          and coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at) <= $1::timestamptz + make_interval(mins => co.visit_reminder_minutes)
          and j.status not in ('done', 'cancelled') and j.visit_status is null`,
      [now, orgs],
    );
    for (const v of visits) {
      const crew = await crewOf(tx, [v.snapshot.leaderId, ...v.snapshot.helperIds]);
      const at = formatHm(new Date(v.snapshot.start), v.time_zone);
      const where = [v.address, v.city].filter(Boolean).join(", ");
      for (const member of crew) {
        const text = `${v.company_name}: next visit at ${at}: ${v.work_order}, ${v.customer_name}${where ? `, ${where}` : ""}.`;
        const queued = await queueTechnicianNotice(tx, {
          orgId: v.org_id,
          technician: member,
          prefer: member.reminder_channel,
          notice: { subject: `Next visit at ${at}: ${v.customer_name}`, text, sms: text },
          kind: "visit_reminder",
          jobId: v.job_id,
          dedupeKey: `reminder:visit:${v.assignment_id}:${new Date(v.snapshot.start).toISOString()}:${member.id}`,
        });
        if (queued !== "already" && queued !== null) report.visits++;
      }
    }

    // the evening summary of tomorrow, once the company's evening hour has come
    const companies = await tx.query<{ id: string; name: string; time_zone: string; tomorrow: string; from: Date; to: Date }>(
      `select co.id, co.name, co.time_zone, to_char(((($1::timestamptz) at time zone co.time_zone)::date + 1), 'YYYY-MM-DD') as tomorrow,
              ((((($1::timestamptz) at time zone co.time_zone)::date + 1)::timestamp) at time zone co.time_zone) as from,
              ((((($1::timestamptz) at time zone co.time_zone)::date + 2)::timestamp) at time zone co.time_zone) as to
         from public.companies co
        where (($1::timestamptz) at time zone co.time_zone)::time >= co.evening_summary_at
          and ($2::uuid[] is null or co.id = any($2::uuid[]))`,
      [now, orgs],
    );
    for (const co of companies) {
      const rows = await tx.query<{ snapshot: Snapshot; work_order: string; customer_name: string; address: string | null; city: string | null; description: string; notes: string | null }>(
        `select coalesce(a.published_snapshot, jsonb_build_object('leaderId', a.leader_id, 'start', a.starts_at, 'end', a.ends_at,
                  'helperIds', coalesce((select jsonb_agg(h.technician_id) from public.assignment_helpers h where h.assignment_id = a.id), '[]'::jsonb))) as snapshot,
                j.work_order, c.name as customer_name, j.address, j.city, j.description, j.notes
           from public.assignments a join public.jobs j on j.id = a.job_id join public.customers c on c.id = j.customer_id
          where a.org_id = $1 and a.active and (a.published_snapshot is not null or a.published_at is not null)
            and coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at) >= $2
            and coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at) < $3
            and j.status not in ('done', 'cancelled')
          order by coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at)`,
        [co.id, co.from, co.to],
      );
      const byTech = new Map<string, typeof rows>();
      for (const r of rows) {
        for (const id of [r.snapshot.leaderId, ...r.snapshot.helperIds]) byTech.set(id, [...(byTech.get(id) ?? []), r]);
      }
      for (const member of await crewOf(tx, [...byTech.keys()])) {
        const stops = byTech.get(member.id)!.map((r) => ({
          start: r.snapshot.start,
          end: r.snapshot.end,
          workOrder: r.work_order,
          customerName: r.customer_name,
          address: [r.address, r.city].filter(Boolean).join(", ") || null,
          travelMinutes: 0,
          description: r.description,
          notes: r.notes,
          role: r.snapshot.leaderId === member.id ? ("leader" as const) : ("helper" as const),
        }));
        const notice = composeTechnicianDay({ companyName: co.name, timeZone: co.time_zone, technicianName: member.name, date: co.tomorrow, stops });
        const queued = await queueTechnicianNotice(tx, {
          orgId: co.id,
          technician: member,
          prefer: member.reminder_channel,
          notice,
          kind: "day_summary",
          dedupeKey: `reminder:day:${member.id}:${co.tomorrow}`,
        });
        if (queued !== "already" && queued !== null) report.summaries++;
      }
    }
    return report;
  });
}

/**
 * The signed-in technician chooses how their reminders reach them (through the
 * database function that lets them change only that).
 *
 * @example await withUser(db, tech, (tx) => setMyReminderChannel(tx, "sms"))
 */
export async function setMyReminderChannel(tx: Queryable, channel: "push" | "sms" | "email"): Promise<void> {
  await tx.query("select public.set_my_reminder_channel($1)", [channel]);
}
