/**
 * What one board change reads, locked, in one statement: `public.placement_context()`
 * takes the technician-day locks, the job lock and the assignment lock in one fixed
 * order and returns the company's settings, the job, its assignment and the crew's
 * lanes for the day as jsonb. Mapped here into the board's own types.
 */
import type { Queryable } from "@/lib/db/client";
import { mapCompanySettings, mapJob, mapSlotBlock, shiftBreaks, type BoardAssignment, type BoardDay, type BoardJob, type BoardTechnician, type CompanySettings } from "@/lib/db/board";
import { zonedToUtc } from "@/lib/time/zoned-time";

/** A job's assignment row as locked: the active one, else its latest. */
export interface LockedAssignment {
  id: string;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  version: number;
  active: boolean;
  publishedAt: string | null;
  publishedSnapshot: { leaderId: string; helperIds: string[]; start: string; end: string } | null;
}

export interface PlacementContext {
  company: CompanySettings;
  job: BoardJob;
  current: LockedAssignment | null;
  /** Names of the crew asked for and of the job's current crew. */
  names: Map<string, string>;
  /** Whether each of those technicians is active. */
  active: Map<string, boolean>;
  /** The crew's lanes on the day of the placement (without the job itself); null with no crew. */
  day: BoardDay | null;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

export function mapLockedAssignment(r: Record<string, unknown>): LockedAssignment {
  return {
    id: r.id as string,
    leaderId: r.leader_id as string,
    helperIds: (r.helper_ids as string[]) ?? [],
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    version: Number(r.version),
    active: Boolean(r.active),
    publishedAt: isoOrNull(r.published_at),
    publishedSnapshot: (r.published_snapshot as LockedAssignment["publishedSnapshot"]) ?? null,
  };
}

/**
 * Locks and loads what placing `jobId` with `crew` at `at` needs (no crew and no time
 * for taking a job off the board). Null when the job is not the company's.
 *
 * @example
 * const ctx = await loadPlacementContext(tx, orgId, jobId, [leaderId], "2026-12-02T15:00:00Z");
 */
export async function loadPlacementContext(
  tx: Queryable,
  orgId: string,
  jobId: string,
  crew: string[] | null,
  at: string | null,
): Promise<PlacementContext | null> {
  // the slot template's blocks on that weekday and the recovery buffer shape the
  // checks too: read in the same statement, after the locks, to keep one round trip
  const [row] = await tx.query<{ ctx: Record<string, unknown> | null }>(
    `select p.ctx || jsonb_build_object(
              'recovery_buffer_min', (select c.recovery_buffer_min from public.companies c where c.id = $1),
              'slot_blocks', (select coalesce(jsonb_agg(jsonb_build_object(
                                 'id', b.id, 'starts_at', to_char(b.starts_at, 'HH24:MI'), 'ends_at', to_char(b.ends_at, 'HH24:MI'),
                                 'kind', b.kind, 'template_id', b.template_id, 'label', b.label) order by b.starts_at), '[]')
                                from public.slot_blocks b
                               where b.org_id = $1 and p.ctx ->> 'date' is not null
                                 and b.weekday = extract(isodow from (p.ctx ->> 'date')::date)),
              -- the crew's shift breaks that weekday, and their certifications with an end date
              'breaks', (select coalesce(jsonb_agg(jsonb_build_object(
                                 'technician_id', s.technician_id, 'start', to_char(s.break_starts_at, 'HH24:MI'), 'minutes', s.break_minutes)), '[]')
                           from public.technician_shifts s
                          where s.org_id = $1 and s.technician_id = any($3::uuid[]) and s.break_starts_at is not null
                            and p.ctx ->> 'date' is not null and s.weekday = extract(isodow from (p.ctx ->> 'date')::date)),
              'certifications', (select coalesce(jsonb_agg(jsonb_build_object(
                                 'technician_id', c.technician_id, 'name', c.name, 'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD'))), '[]')
                           from public.technician_certifications c
                          where c.org_id = $1 and c.technician_id = any($3::uuid[]) and c.expires_on is not null)) as ctx
       from (select public.placement_context($1, $2, $3::uuid[], $4) as ctx offset 0) p`,
    [orgId, jobId, crew, at],
  );
  const ctx = row?.ctx;
  if (!ctx) return null;
  const company = { ...mapCompanySettings(ctx.company as Record<string, unknown>), recoveryBufferMin: Number(ctx.recovery_buffer_min ?? 0) };
  const job = mapJob(ctx.job as Record<string, unknown>);
  const techRows = (ctx.technicians as Record<string, unknown>[]) ?? [];
  const names = new Map(techRows.map((t) => [t.id as string, t.name as string]));
  const active = new Map(techRows.map((t) => [t.id as string, Boolean(t.active)]));
  const date = ctx.date as string | null;
  let day: BoardDay | null = null;
  if (crew && date) {
    const offs = (ctx.time_off as Record<string, unknown>[]) ?? [];
    const breaks = (ctx.breaks as { technician_id: string; start: string; minutes: number }[]) ?? [];
    const certs = (ctx.certifications as { technician_id: string; name: string; expiresOn: string }[]) ?? [];
    const technicians: BoardTechnician[] = techRows
      .filter((t) => crew.includes(t.id as string) && t.active)
      .map((t) => ({
        id: t.id as string,
        name: t.name as string,
        // a certification stops counting the day after it expires (as on the board)
        skills: ((t.skills as string[]) ?? []).filter((s) => !certs.some((c) => c.technician_id === t.id && c.name === s && c.expiresOn < date)),
        home: { lat: Number(t.home_lat), lng: Number(t.home_lng) },
        active: true,
        shift:
          t.shift_start && t.shift_end
            ? {
                start: zonedToUtc(date, t.shift_start as string, company.timeZone).toISOString(),
                end: zonedToUtc(date, t.shift_end as string, company.timeZone).toISOString(),
              }
            : null,
        timeOff: offs
          .filter((o) => o.technician_id === t.id)
          .map((o) => ({ start: iso(o.starts_at), end: iso(o.ends_at), reason: (o.reason as string | null) ?? null })),
        breaks: breaks.filter((b) => b.technician_id === t.id).flatMap((b) => shiftBreaks(date, b.start, b.minutes, company.timeZone)),
        certifications: certs.filter((c) => c.technician_id === t.id).map((c) => ({ name: c.name, expiresOn: c.expiresOn })),
      }));
    const jobs: Record<string, BoardJob> = {};
    const assignments: BoardAssignment[] = ((ctx.lanes as Record<string, unknown>[]) ?? []).map((r) => {
      const laneJob = mapJob(r);
      jobs[laneJob.id] = laneJob;
      return {
        id: r.assignment_id as string,
        jobId: laneJob.id,
        leaderId: r.leader_id as string,
        helperIds: (r.helper_ids as string[]) ?? [],
        start: iso(r.assignment_starts_at),
        end: iso(r.assignment_ends_at),
        version: Number(r.assignment_version),
        publishedAt: isoOrNull(r.published_at),
        autoAssigned: Boolean(r.auto_assigned),
      };
    });
    const slotBlocks = ((ctx.slot_blocks as Record<string, unknown>[]) ?? []).map((b) => mapSlotBlock(b, date, company.timeZone));
    day = { date, company, technicians, assignments, jobs, queue: [], slotBlocks };
  }
  return {
    company,
    job,
    current: ctx.assignment ? mapLockedAssignment(ctx.assignment as Record<string, unknown>) : null,
    names,
    active,
    day,
  };
}
