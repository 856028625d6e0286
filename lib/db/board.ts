import type { Queryable } from "@/lib/db/client";
import { dayRange, zonedToUtc } from "@/lib/time/zoned-time";
import { weekdayOf } from "@/lib/time/calendar-date";

export interface CompanySettings {
  id: string;
  name: string;
  timeZone: string;
  travelSpeedKmh: number;
  roadFactor: number;
  travelBufferMin: number;
  capacityThreshold: number;
  rescheduleNoticeEnabled: boolean;
  snapMinutes: number;
  autoDispatchEnabled: boolean;
  /** Scoring weights for automatic dispatch (missing ones take the engine's defaults). */
  scoringWeights: Partial<Record<"travel" | "skill" | "workload" | "preference", number>>;
  /** Minutes kept free between two on-site jobs, on top of the drive (0–30); 0 when absent. */
  recoveryBufferMin?: number;
}

/** A block of the company's slot template on a day (ISO instants). */
export interface BoardSlotBlock {
  id: string;
  start: string;
  end: string;
  kind: "fixed" | "flex";
  templateId: string | null;
  label: string;
}

export interface BoardTechnician {
  id: string;
  name: string;
  skills: string[];
  home: { lat: number; lng: number };
  active: boolean;
  /** ISO instants of today's shift, or null when the technician does not work that day. */
  shift: { start: string; end: string } | null;
  timeOff: { start: string; end: string; reason: string | null }[];
  /** ISO instants of today's shift break, when the shift has one. */
  breaks?: { start: string; end: string }[];
  /** Certifications with an end date (valid ones are in `skills` too): the board warns 30 days ahead. */
  certifications?: { name: string; expiresOn: string }[];
}

export interface BoardJob {
  id: string;
  workOrder: string;
  customerId: string;
  customerName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  contract: boolean;
  preferredTechnicianId: string | null;
  description: string;
  priority: 1 | 2 | 3 | 4;
  requiredSkills: string[];
  estimatedMinutes: number;
  address: string | null;
  city: string | null;
  location: { lat: number; lng: number };
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  slaProtected: boolean;
  pinned: boolean;
  status: "unscheduled" | "scheduled" | "published" | "in_progress" | "done" | "cancelled";
  rescheduleCount: number;
  notes: string | null;
  version: number;
  /** What automatic dispatch did: none, auto_assigned, preassigned, review, offered, accepted, manual. */
  dispatchState: string;
  /** Why, in words. */
  dispatchReason: string | null;
  templateId: string | null;
  /** What the crew last reported: on my way, arrived, done, couldn't finish (null: nothing yet). */
  visitStatus: "on_my_way" | "arrived" | "done" | "not_finished" | null;
  /** When the crew expects to arrive (after "on my way" or "running late"). */
  estimatedArrivalAt: string | null;
  arrivedAt: string | null;
  finishedAt: string | null;
  /** Back in the queue because the last visit could not finish, and why. */
  returnVisit: boolean;
  notFinishedReason: string | null;
  /** Placed from a postal-code centre, not the street address: travel times are estimates. */
  locationApproximate?: boolean;
  /** Why the job has its deadline (a rule's or the customer's response time); null when a person gave it. */
  deadlineReason?: string | null;
}

export interface BoardAssignment {
  id: string;
  jobId: string;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  version: number;
  publishedAt: string | null;
  autoAssigned: boolean;
}

export interface BoardDay {
  date: string;
  company: CompanySettings;
  technicians: BoardTechnician[];
  assignments: BoardAssignment[];
  jobs: Record<string, BoardJob>;
  /** Unscheduled jobs waiting for a slot (any day), most urgent first. */
  queue: string[];
  /** The company's slot blocks on this day, in time order (drawn on every lane). */
  slotBlocks?: BoardSlotBlock[];
  /** True when only the first lanes were loaded (the page's first paint); the rest follow. */
  partial?: boolean;
}

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

const SLOT_BLOCKS_OF_WEEKDAY =
  "select id, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, kind, template_id, label from public.slot_blocks where org_id = $1 and weekday = $2 order by starts_at";

/** A `slot_blocks` row (times as HH24:MI) placed on `date` in the company's zone. */
export function mapSlotBlock(b: Record<string, unknown>, date: string, timeZone: string): BoardSlotBlock {
  return {
    id: b.id as string,
    start: zonedToUtc(date, b.starts_at as string, timeZone).toISOString(),
    end: zonedToUtc(date, b.ends_at as string, timeZone).toISOString(),
    kind: b.kind as BoardSlotBlock["kind"],
    templateId: (b.template_id as string | null) ?? null,
    label: b.label as string,
  };
}

export async function loadCompanySettings(tx: Queryable, orgId: string): Promise<CompanySettings | null> {
  const rows = await tx.query<Record<string, unknown>>(
    `select id, name, time_zone, travel_speed_kmh, road_factor, travel_buffer_min, capacity_threshold,
            reschedule_notice_enabled, snap_minutes, auto_dispatch_enabled, scoring_weights, recovery_buffer_min
       from public.companies where id = $1`,
    [orgId],
  );
  return rows[0] ? mapCompanySettings(rows[0]) : null;
}

/** A `companies` row (or its jsonb) as the board's settings. */
export function mapCompanySettings(r: Record<string, unknown>): CompanySettings {
  return {
    id: r.id as string,
    name: r.name as string,
    timeZone: r.time_zone as string,
    travelSpeedKmh: Number(r.travel_speed_kmh),
    roadFactor: Number(r.road_factor),
    travelBufferMin: Number(r.travel_buffer_min),
    capacityThreshold: Number(r.capacity_threshold),
    rescheduleNoticeEnabled: r.reschedule_notice_enabled as boolean,
    snapMinutes: Number(r.snap_minutes),
    autoDispatchEnabled: r.auto_dispatch_enabled as boolean,
    scoringWeights: (r.scoring_weights as CompanySettings["scoringWeights"] | null) ?? {},
    recoveryBufferMin: Number(r.recovery_buffer_min ?? 0),
  };
}

/**
 * The job columns the board reads: every column of `jobs` it shows, unrenamed, plus
 * the customer's. `private.board_job_json()` returns the same keys (the whole job
 * row and these customer columns) for the placement functions.
 */
export const JOB_COLUMNS = `j.id, j.work_order, j.customer_id, c.name as customer_name, c.phone as customer_phone,
  c.email as customer_email, c.contract, c.preferred_technician_id, j.description, j.priority,
  j.required_skills, j.estimated_minutes, j.address, j.city, j.lat, j.lng, j.window_start, j.window_end,
  j.deadline, j.sla_protected, j.pinned, j.status, j.reschedule_count, j.notes, j.version,
  j.dispatch_state, j.dispatch_reason, j.template_id, j.visit_status, j.estimated_arrival_at, j.arrived_at,
  j.finished_at, j.return_visit, j.not_finished_reason, j.location_approximate, j.deadline_reason`;

/** `select … from jobs j join customers c` with every column a BoardJob needs. */
export const JOB_SELECT = `select ${JOB_COLUMNS} from public.jobs j join public.customers c on c.id = j.customer_id`;

export function mapJob(r: Record<string, unknown>): BoardJob {
  return {
    id: r.id as string,
    workOrder: r.work_order as string,
    customerId: r.customer_id as string,
    customerName: r.customer_name as string,
    customerPhone: (r.customer_phone as string | null) ?? null,
    customerEmail: (r.customer_email as string | null) ?? null,
    contract: Boolean(r.contract),
    preferredTechnicianId: (r.preferred_technician_id as string | null) ?? null,
    description: r.description as string,
    priority: Number(r.priority) as BoardJob["priority"],
    requiredSkills: (r.required_skills as string[]) ?? [],
    estimatedMinutes: Number(r.estimated_minutes),
    address: (r.address as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    location: { lat: Number(r.lat), lng: Number(r.lng) },
    windowStart: isoOrNull(r.window_start),
    windowEnd: isoOrNull(r.window_end),
    deadline: isoOrNull(r.deadline),
    slaProtected: Boolean(r.sla_protected),
    pinned: Boolean(r.pinned),
    status: r.status as BoardJob["status"],
    rescheduleCount: Number(r.reschedule_count),
    notes: (r.notes as string | null) ?? null,
    version: Number(r.version),
    dispatchState: (r.dispatch_state as string | undefined) ?? "none",
    dispatchReason: (r.dispatch_reason as string | null) ?? null,
    templateId: (r.template_id as string | null) ?? null,
    visitStatus: (r.visit_status as BoardJob["visitStatus"] | undefined) ?? null,
    estimatedArrivalAt: isoOrNull(r.estimated_arrival_at),
    arrivedAt: isoOrNull(r.arrived_at),
    finishedAt: isoOrNull(r.finished_at),
    returnVisit: Boolean(r.return_visit),
    notFinishedReason: (r.not_finished_reason as string | null | undefined) ?? null,
    locationApproximate: Boolean(r.location_approximate),
    deadlineReason: (r.deadline_reason as string | null | undefined) ?? null,
  };
}

/**
 * Everything the board shows for one day of one company: technicians with that
 * day's shift and time off, the day's active assignments with their jobs, and the
 * unscheduled queue. Row-level security decides what the caller may see.
 */
export interface LoadBoardOptions {
  /** Only these technicians' lanes (and the jobs on them); the queue is left out. */
  technicianIds?: string[];
  /** The company's settings when the caller already has them. */
  company?: CompanySettings;
  /** false: leave the unscheduled queue out (dispatch scores lanes, never the queue). */
  queue?: boolean;
  /**
   * Only the first `firstLanes` technicians (by name) and their visits, with the whole
   * queue: enough for the first screen of a large board, marked `partial`.
   */
  firstLanes?: number;
}

export async function loadBoardDay(
  tx: Queryable,
  orgId: string,
  date: string,
  options: LoadBoardOptions = {},
): Promise<BoardDay | null> {
  const company = options.company ?? (await loadCompanySettings(tx, orgId));
  if (!company) return null;
  const { start, end } = dayRange(date, company.timeZone);
  const weekday = weekdayOf(date);
  let only = options.technicianIds;
  let partial = false;
  if (!only && options.firstLanes !== undefined) {
    const first = await tx.query<{ id: string }>(
      "select id from public.technicians where org_id = $1 and active order by name, id limit $2",
      [orgId, options.firstLanes + 1],
    );
    partial = first.length > options.firstLanes;
    if (partial) only = first.slice(0, options.firstLanes).map((t) => t.id);
  }
  const lanes = only ?? null;
  // only the visits these technicians lead or help on ($4), found through the leader and helper indexes
  const onLanes = (a: string) =>
    only
      ? `and (${a}.leader_id = any($4::uuid[]) or ${a}.id in (select h.assignment_id from public.assignment_helpers h where h.technician_id = any($4::uuid[])))`
      : "";

  const [techRows, shiftRows, offRows, assignmentRows, helperRows, queueRows, blockRows] = await Promise.all([
    tx.query<Record<string, unknown>>(
      // a certification (kept in skills too) stops counting the day after it expires
      `select t.id, t.name,
              array(select s from unnest(t.skills) s
                     where not exists (select 1 from public.technician_certifications c
                                        where c.technician_id = t.id and c.name = s and c.expires_on < $3::date)) as skills,
              t.home_lat, t.home_lng, t.active,
              (select coalesce(json_agg(json_build_object('name', c.name, 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD')) order by c.name), '[]')
                 from public.technician_certifications c where c.technician_id = t.id and c.expires_on is not null) as certifications
         from public.technicians t where t.org_id = $1 and t.active and ($2::uuid[] is null or t.id = any($2::uuid[])) order by t.name, t.id`,
      [orgId, lanes, date],
    ),
    tx.query<{ technician_id: string; starts_at: string; ends_at: string; break_start: string | null; break_minutes: number | null }>(
      `select technician_id, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at,
              to_char(break_starts_at, 'HH24:MI') as break_start, break_minutes
         from public.technician_shifts where org_id = $1 and weekday = $2 and ($3::uuid[] is null or technician_id = any($3::uuid[]))`,
      [orgId, weekday, lanes],
    ),
    tx.query<{ technician_id: string; starts_at: Date; ends_at: Date; reason: string | null }>(
      "select technician_id, starts_at, ends_at, reason from public.time_off where org_id = $1 and starts_at < $3 and ends_at > $2 and ($4::uuid[] is null or technician_id = any($4::uuid[]))",
      [orgId, start.toISOString(), end.toISOString(), lanes],
    ),
    tx.query<Record<string, unknown>>(
      `select a.id as assignment_id, a.leader_id, a.starts_at, a.ends_at, a.version as assignment_version,
              a.published_at, a.auto_assigned, ${JOB_COLUMNS}
         from public.assignments a
         join public.jobs j on j.id = a.job_id
         join public.customers c on c.id = j.customer_id
        where a.org_id = $1 and a.active and a.starts_at < $3 and a.ends_at > $2 ${onLanes("a")}
        order by a.starts_at`,
      only ? [orgId, start.toISOString(), end.toISOString(), only] : [orgId, start.toISOString(), end.toISOString()],
    ),
    tx.query<{ assignment_id: string; technician_id: string }>(
      `select h.assignment_id, h.technician_id from public.assignment_helpers h
         join public.assignments a on a.id = h.assignment_id
        where a.org_id = $1 and a.active and a.starts_at < $3 and a.ends_at > $2 ${onLanes("a")}`,
      only ? [orgId, start.toISOString(), end.toISOString(), only] : [orgId, start.toISOString(), end.toISOString()],
    ),
    options.technicianIds || options.queue === false
      ? Promise.resolve([] as Record<string, unknown>[])
      : tx.query<Record<string, unknown>>(
          `select ${JOB_COLUMNS}
             from public.jobs j join public.customers c on c.id = j.customer_id
            where j.org_id = $1 and j.status = 'unscheduled'
            order by j.priority, j.deadline nulls last, j.created_at`,
          [orgId],
        ),
    tx.query<Record<string, unknown>>(SLOT_BLOCKS_OF_WEEKDAY, [orgId, weekday]),
  ]);

  const shiftOf = new Map(shiftRows.map((s) => [s.technician_id, s]));
  const offOf = new Map<string, BoardTechnician["timeOff"]>();
  for (const o of offRows) {
    const list = offOf.get(o.technician_id) ?? [];
    list.push({ start: iso(o.starts_at), end: iso(o.ends_at), reason: o.reason });
    offOf.set(o.technician_id, list);
  }
  const technicians: BoardTechnician[] = techRows.map((t) => {
    const s = shiftOf.get(t.id as string);
    return {
      id: t.id as string,
      name: t.name as string,
      skills: (t.skills as string[]) ?? [],
      home: { lat: Number(t.home_lat), lng: Number(t.home_lng) },
      active: Boolean(t.active),
      shift: s
        ? { start: zonedToUtc(date, s.starts_at, company.timeZone).toISOString(), end: zonedToUtc(date, s.ends_at, company.timeZone).toISOString() }
        : null,
      timeOff: offOf.get(t.id as string) ?? [],
      breaks: s ? shiftBreaks(date, s.break_start, s.break_minutes, company.timeZone) : [],
      certifications: parseCertifications(t.certifications),
    };
  });

  const helpersOf = new Map<string, string[]>();
  for (const h of helperRows) {
    const list = helpersOf.get(h.assignment_id) ?? [];
    list.push(h.technician_id);
    helpersOf.set(h.assignment_id, list);
  }
  const jobs: Record<string, BoardJob> = {};
  const assignments: BoardAssignment[] = assignmentRows.map((r) => {
    const job = mapJob(r);
    jobs[job.id] = job;
    return {
      id: r.assignment_id as string,
      jobId: job.id,
      leaderId: r.leader_id as string,
      helperIds: helpersOf.get(r.assignment_id as string) ?? [],
      start: iso(r.starts_at),
      end: iso(r.ends_at),
      version: Number(r.assignment_version),
      publishedAt: isoOrNull(r.published_at),
      autoAssigned: Boolean(r.auto_assigned),
    };
  });
  const queue = queueRows.map((r) => {
    const job = mapJob(r);
    jobs[job.id] = job;
    return job.id;
  });
  const slotBlocks = blockRows.map((b) => mapSlotBlock(b, date, company.timeZone));
  return partial
    ? { date, company, technicians, assignments, jobs, queue, slotBlocks, partial }
    : { date, company, technicians, assignments, jobs, queue, slotBlocks };
}

/** More lanes of a board whose first paint had only the first ones (see `loadBoardLanes`). */
export interface BoardLanes {
  date: string;
  /** The position of the first of these lanes among the company's active technicians, by name. */
  offset: number;
  technicians: BoardTechnician[];
  /** The visits these technicians lead or help on, on `date`. */
  assignments: BoardAssignment[];
  jobs: Record<string, BoardJob>;
  /** Lanes come after these. */
  more: boolean;
}

/**
 * `limit` lanes of one day's board from `offset` (active technicians by name, as the
 * board lists them) with their visits: a large board fills in its lanes a slice at a
 * time after the first paint, so no one request holds the server for long.
 *
 * @example
 * const next = await loadBoardLanes(tx, orgId, "2026-12-02", 40, 60); // lanes 41–100
 */
export async function loadBoardLanes(tx: Queryable, orgId: string, date: string, offset: number, limit: number): Promise<BoardLanes | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const ids = await tx.query<{ id: string }>(
    "select id from public.technicians where org_id = $1 and active order by name, id offset $2 limit $3",
    [orgId, offset, limit + 1],
  );
  const more = ids.length > limit;
  const technicianIds = ids.slice(0, limit).map((t) => t.id);
  if (technicianIds.length === 0) return { date, offset, technicians: [], assignments: [], jobs: {}, more: false };
  const day = await loadBoardDay(tx, orgId, date, { company, technicianIds });
  if (!day) return null;
  return { date, offset, technicians: day.technicians, assignments: day.assignments, jobs: day.jobs, more };
}

/** A shift's break on `date` as ISO instants (none when the shift has no break). */
export function shiftBreaks(date: string, start: string | null | undefined, minutes: number | string | null | undefined, timeZone: string): { start: string; end: string }[] {
  if (!start || minutes == null) return [];
  const from = zonedToUtc(date, start, timeZone);
  return [{ start: from.toISOString(), end: new Date(from.getTime() + Number(minutes) * 60000).toISOString() }];
}

/** Certifications as read with json_agg (a string on some drivers, parsed on others). */
export function parseCertifications(v: unknown): { name: string; expiresOn: string }[] {
  const list = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(list) ? (list as { name: string; expiresOn: string }[]) : [];
}

/** Some jobs of one day's board as they are now: for patching an open board after a live event. */
export interface BoardJobsPatch {
  date: string;
  /** Every asked-for job the caller may still see. */
  jobs: BoardJob[];
  /** Their active assignments on `date`. */
  assignments: BoardAssignment[];
  /** Those of them waiting in the unscheduled queue. */
  queued: string[];
}

/**
 * Loads just `jobIds` for the board of `date`, in one statement: what an open board
 * needs to patch itself after other people's changes, instead of reloading the day.
 *
 * @example
 * const patch = await loadBoardJobs(tx, orgId, "2026-12-02", ["…job id…"], "America/Chicago");
 */
export async function loadBoardJobs(tx: Queryable, orgId: string, date: string, jobIds: string[], timeZone: string): Promise<BoardJobsPatch> {
  const { start, end } = dayRange(date, timeZone);
  const rows = await tx.query<Record<string, unknown>>(
    `select ${JOB_COLUMNS}, a.id as assignment_id, a.leader_id, a.starts_at, a.ends_at, a.version as assignment_version,
            a.published_at, a.auto_assigned,
            (select coalesce(array_agg(h.technician_id order by h.technician_id), '{}')
               from public.assignment_helpers h where h.assignment_id = a.id) as helper_ids
       from public.jobs j
       join public.customers c on c.id = j.customer_id
       left join public.assignments a on a.job_id = j.id and a.active and a.starts_at < $4 and a.ends_at > $3
      where j.org_id = $1 and j.id = any($2::uuid[])`,
    [orgId, jobIds, start.toISOString(), end.toISOString()],
  );
  const patch: BoardJobsPatch = { date, jobs: [], assignments: [], queued: [] };
  for (const r of rows) {
    const job = mapJob(r);
    patch.jobs.push(job);
    if (job.status === "unscheduled") patch.queued.push(job.id);
    if (r.assignment_id) {
      patch.assignments.push({
        id: r.assignment_id as string,
        jobId: job.id,
        leaderId: r.leader_id as string,
        helperIds: (r.helper_ids as string[]) ?? [],
        start: iso(r.starts_at),
        end: iso(r.ends_at),
        version: Number(r.assignment_version),
        publishedAt: isoOrNull(r.published_at),
        autoAssigned: Boolean(r.auto_assigned),
      });
    }
  }
  return patch;
}
