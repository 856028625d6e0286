/**
 * Technician records: who they are, what they may do (skills, certifications with
 * expiry), where they start from, when they work (weekly shifts with breaks), when
 * they are away (time off) and which sign-in they use. Runs inside the caller's
 * withUser transaction; row-level security decides who may read or change what.
 */
import type { Queryable } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/result";
import type { ResolvedPlace } from "@/lib/geo/resolve-place";

export interface TechnicianFilter {
  q?: string;
  skill?: string;
  zone?: string;
  /** "active" (default), "inactive" or "all". */
  state?: "active" | "inactive" | "all";
}

export interface TechnicianListItem {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  zones: string[];
  active: boolean;
  /** Certifications that expired or expire within 30 days of `today`, in words. */
  certificationWarnings: string[];
}

export interface Shift {
  weekday: number;
  start: string;
  end: string;
  breakStart: string | null;
  breakMinutes: number | null;
}

export interface Certification {
  name: string;
  expiresOn: string | null;
}

export interface TimeOffEntry {
  id: string;
  start: string;
  end: string;
  reason: string | null;
  /** Visits this technician leads or helps on inside the time off. */
  collisions: VisitRef[];
}

export interface VisitRef {
  jobId: string;
  workOrder: string;
  customerName: string;
  start: string;
  end: string;
  role: "leader" | "helper";
}

export interface TechnicianDetail {
  id: string;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  zones: string[];
  notes: string | null;
  active: boolean;
  deactivatedAt: string | null;
  home: { address: string; lat: number; lng: number; approximate: boolean };
  userId: string | null;
  shifts: Shift[];
  certifications: Certification[];
  timeOff: TimeOffEntry[];
  /** Visits from now on that someone must move if the technician leaves. */
  upcoming: VisitRef[];
}

export interface MemberOption {
  userId: string;
  name: string;
  email: string;
  role: string;
  /** The technician record already linked to this sign-in, if any. */
  technicianId: string | null;
}

export interface TechnicianInput {
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  zones: string[];
  notes: string | null;
  home: ResolvedPlace;
  userId: string | null;
  shifts: Shift[];
  certifications: Certification[];
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const day = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Days from `today` to `date` (both YYYY-MM-DD). */
function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * "EPA-608 expired on 2026-11-02" / "EPA-608 expires in 12 days (2026-12-13)": the
 * certifications a dispatcher must act on, 30 days ahead.
 *
 * @example
 * certificationWarnings([{ name: "EPA-608", expiresOn: "2026-12-13" }], "2026-12-01") // ["EPA-608 expires in 12 days (2026-12-13)"]
 */
export function certificationWarnings(certs: readonly Certification[], today: string): string[] {
  const out: string[] = [];
  for (const c of certs) {
    if (!c.expiresOn) continue;
    const left = daysBetween(today, c.expiresOn);
    if (left < 0) out.push(`${c.name} expired on ${c.expiresOn} and no longer counts`);
    else if (left <= 30) out.push(`${c.name} expires ${left === 0 ? "today" : `in ${left} day${left === 1 ? "" : "s"}`} (${c.expiresOn})`);
  }
  return out;
}

/** The company's technicians matching the filter, by name. */
export async function listTechnicians(tx: Queryable, orgId: string, filter: TechnicianFilter, today: string): Promise<TechnicianListItem[]> {
  const params: unknown[] = [orgId];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const where = ["t.org_id = $1"];
  const state = filter.state ?? "active";
  if (state !== "all") where.push(`t.active = ${state === "active"}`);
  if (filter.q?.trim()) {
    const like = bind(`%${escapeLike(filter.q.trim())}%`);
    where.push(`(t.name ilike ${like} or t.email ilike ${like} or t.phone ilike ${like})`);
  }
  if (filter.skill?.trim()) {
    const skill = bind(filter.skill.trim().toLowerCase());
    where.push(
      `(exists (select 1 from unnest(t.skills) s where lower(s) = ${skill})
        or exists (select 1 from public.technician_certifications c where c.technician_id = t.id and lower(c.name) = ${skill}))`,
    );
  }
  if (filter.zone?.trim()) where.push(`exists (select 1 from unnest(t.zones) z where lower(z) = ${bind(filter.zone.trim().toLowerCase())})`);
  const rows = await tx.query<Record<string, unknown>>(
    `select t.id, t.name, t.email, t.phone, t.skills, t.zones, t.active,
            coalesce((select json_agg(json_build_object('name', c.name, 'expiresOn', c.expires_on) order by c.name)
                        from public.technician_certifications c where c.technician_id = t.id), '[]') as certs
       from public.technicians t
      where ${where.join(" and ")}
      order by t.name
      limit 500`,
    params,
  );
  return rows.map((r) => {
    const certs = parseCerts(r.certs);
    return {
      id: r.id as string,
      name: r.name as string,
      email: (r.email as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      skills: ((r.skills as string[]) ?? []).filter((s) => !certs.some((c) => c.name === s && c.expiresOn !== null && c.expiresOn < today)),
      zones: (r.zones as string[]) ?? [],
      active: Boolean(r.active),
      certificationWarnings: certificationWarnings(certs, today),
    };
  });
}

function parseCerts(raw: unknown): Certification[] {
  const list = (typeof raw === "string" ? JSON.parse(raw) : raw) as { name: string; expiresOn: string | null }[];
  return list.map((c) => ({ name: c.name, expiresOn: c.expiresOn ? String(c.expiresOn).slice(0, 10) : null }));
}

/** Every skill and zone in use, for the list's filters. */
export async function technicianFacets(tx: Queryable, orgId: string): Promise<{ skills: string[]; zones: string[] }> {
  const [row] = await tx.query<{ skills: string[] | null; zones: string[] | null }>(
    `select (select array_agg(distinct s order by s) from (
               select unnest(skills) s from public.technicians where org_id = $1
               union select name from public.technician_certifications where org_id = $1) x) as skills,
            (select array_agg(distinct z order by z) from (select unnest(zones) z from public.technicians where org_id = $1) y) as zones`,
    [orgId],
  );
  return { skills: row?.skills ?? [], zones: row?.zones ?? [] };
}

async function visitsOf(tx: Queryable, technicianId: string, from: string, to: string | null): Promise<VisitRef[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select j.id as job_id, j.work_order, c.name as customer_name, a.starts_at, a.ends_at,
            case when a.leader_id = $1 then 'leader' else 'helper' end as role
       from public.assignments a
       join public.jobs j on j.id = a.job_id
       join public.customers c on c.id = j.customer_id
      where a.active and a.ends_at > $2 and ($3::timestamptz is null or a.starts_at < $3)
        and j.status not in ('done', 'cancelled')
        and (a.leader_id = $1 or exists (select 1 from public.assignment_helpers h where h.assignment_id = a.id and h.technician_id = $1))
      order by a.starts_at
      limit 200`,
    [technicianId, from, to],
  );
  return rows.map((r) => ({
    jobId: r.job_id as string,
    workOrder: r.work_order as string,
    customerName: r.customer_name as string,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    role: r.role as "leader" | "helper",
  }));
}

/** One technician with shifts, certifications, time off (and what each collides with) and upcoming work. */
export async function getTechnician(tx: Queryable, orgId: string, id: string, now: Date): Promise<TechnicianDetail | null> {
  const [t] = await tx.query<Record<string, unknown>>(
    `select id, version, name, email, phone, skills, zones, notes, active, deactivated_at, home_address, home_lat, home_lng,
            home_approximate, user_id
       from public.technicians where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!t) return null;
  const [shifts, certs, offs] = await Promise.all([
    tx.query<Record<string, unknown>>(
      `select weekday, to_char(starts_at, 'HH24:MI') as start, to_char(ends_at, 'HH24:MI') as "end",
              to_char(break_starts_at, 'HH24:MI') as break_start, break_minutes
         from public.technician_shifts where technician_id = $1 order by weekday`,
      [id],
    ),
    tx.query<Record<string, unknown>>("select name, expires_on from public.technician_certifications where technician_id = $1 order by name", [id]),
    tx.query<Record<string, unknown>>(
      "select id, starts_at, ends_at, reason from public.time_off where technician_id = $1 and ends_at > $2 order by starts_at limit 100",
      [id, new Date(now.getTime() - 90 * 86_400_000).toISOString()],
    ),
  ]);
  const timeOff: TimeOffEntry[] = [];
  for (const o of offs) {
    timeOff.push({
      id: o.id as string,
      start: iso(o.starts_at),
      end: iso(o.ends_at),
      reason: (o.reason as string | null) ?? null,
      collisions: await visitsOf(tx, id, iso(o.starts_at), iso(o.ends_at)),
    });
  }
  return {
    id: t.id as string,
    version: Number(t.version),
    name: t.name as string,
    email: (t.email as string | null) ?? null,
    phone: (t.phone as string | null) ?? null,
    // certifications are kept in skills too (so every reader of skills sees them); the form shows them apart
    skills: ((t.skills as string[]) ?? []).filter((s) => !certs.some((c) => c.name === s)),
    zones: (t.zones as string[]) ?? [],
    notes: (t.notes as string | null) ?? null,
    active: Boolean(t.active),
    deactivatedAt: t.deactivated_at ? iso(t.deactivated_at) : null,
    home: { address: (t.home_address as string | null) ?? "", lat: Number(t.home_lat), lng: Number(t.home_lng), approximate: Boolean(t.home_approximate) },
    userId: (t.user_id as string | null) ?? null,
    shifts: shifts.map((s) => ({
      weekday: Number(s.weekday),
      start: s.start as string,
      end: s.end as string,
      breakStart: (s.break_start as string | null) ?? null,
      breakMinutes: s.break_minutes == null ? null : Number(s.break_minutes),
    })),
    certifications: certs.map((c) => ({ name: c.name as string, expiresOn: day(c.expires_on) })),
    timeOff,
    upcoming: await visitsOf(tx, id, now.toISOString(), null),
  };
}

/** The company's sign-ins a technician record can be linked to. */
export async function listMemberOptions(tx: Queryable, orgId: string): Promise<MemberOption[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select m.user_id, p.full_name as name, p.email, m.role,
            (select t.id from public.technicians t where t.org_id = m.org_id and t.user_id = m.user_id) as technician_id
       from public.memberships m
       join public.profiles p on p.id = m.user_id
      where m.org_id = $1
      order by name`,
    [orgId],
  );
  return rows.map((r) => ({
    userId: r.user_id as string,
    name: r.name as string,
    email: r.email as string,
    role: r.role as string,
    technicianId: (r.technician_id as string | null) ?? null,
  }));
}

async function writeShiftsAndCerts(tx: Queryable, orgId: string, id: string, input: TechnicianInput): Promise<void> {
  // Replace only what changed, so the audit trail shows real changes, not churn.
  const current = await tx.query<Record<string, unknown>>(
    `select weekday, to_char(starts_at, 'HH24:MI') as start, to_char(ends_at, 'HH24:MI') as "end",
            to_char(break_starts_at, 'HH24:MI') as break_start, break_minutes from public.technician_shifts where technician_id = $1`,
    [id],
  );
  const key = (s: Shift) => `${s.weekday}|${s.start}|${s.end}|${s.breakStart ?? ""}|${s.breakMinutes ?? ""}`;
  const have = new Map(
    current.map((s) => {
      const shift: Shift = {
        weekday: Number(s.weekday),
        start: s.start as string,
        end: s.end as string,
        breakStart: (s.break_start as string | null) ?? null,
        breakMinutes: s.break_minutes == null ? null : Number(s.break_minutes),
      };
      return [shift.weekday, key(shift)];
    }),
  );
  const want = new Map(input.shifts.map((s) => [s.weekday, s]));
  for (const weekday of have.keys()) {
    const next = want.get(weekday);
    if (!next || key(next) !== have.get(weekday)) {
      await tx.query("delete from public.technician_shifts where technician_id = $1 and weekday = $2", [id, weekday]);
    }
  }
  for (const s of input.shifts) {
    if (have.get(s.weekday) === key(s)) continue;
    await tx.query(
      `insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at, break_starts_at, break_minutes)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [orgId, id, s.weekday, s.start, s.end, s.breakStart, s.breakMinutes],
    );
  }
  const certs = await tx.query<{ name: string; expires_on: unknown }>("select name, expires_on from public.technician_certifications where technician_id = $1", [id]);
  const haveCert = new Map(certs.map((c) => [c.name, day(c.expires_on)]));
  const wantCert = new Map(input.certifications.map((c) => [c.name, c.expiresOn]));
  for (const [name] of haveCert) {
    if (!wantCert.has(name)) await tx.query("delete from public.technician_certifications where technician_id = $1 and name = $2", [id, name]);
  }
  for (const [name, expiresOn] of wantCert) {
    if (!haveCert.has(name)) {
      await tx.query("insert into public.technician_certifications (org_id, technician_id, name, expires_on) values ($1, $2, $3, $4)", [orgId, id, name, expiresOn]);
    } else if (haveCert.get(name) !== expiresOn) {
      await tx.query("update public.technician_certifications set expires_on = $3 where technician_id = $1 and name = $2", [id, name, expiresOn]);
    }
  }
}

/** Plain skills and certification names: what the board, dispatch and imports read as skills. */
function skillsColumn(input: TechnicianInput): string[] {
  return [...new Set([...input.skills, ...input.certifications.map((c) => c.name)])];
}

function homeLine(p: ResolvedPlace): string {
  return [p.address, p.city, [p.region, p.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

export async function createTechnician(tx: Queryable, orgId: string, input: TechnicianInput): Promise<{ id: string }> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.technicians (org_id, name, email, phone, skills, zones, notes, home_address, home_lat, home_lng, home_approximate, user_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [orgId, input.name, input.email, input.phone, skillsColumn(input), input.zones, input.notes, homeLine(input.home), input.home.lat, input.home.lng, input.home.approximate, input.userId],
  );
  await writeShiftsAndCerts(tx, orgId, row.id, input);
  return row;
}

/** Saves a technician seen at `version`; someone else's newer change is a conflict, not overwritten. */
export async function updateTechnician(tx: Queryable, orgId: string, id: string, version: number, input: TechnicianInput): Promise<{ id: string; version: number }> {
  const [current] = await tx.query<{ version: number; home_address: string | null }>(
    "select version, home_address from public.technicians where org_id = $1 and id = $2 for update",
    [orgId, id],
  );
  if (!current) throw new ActionFailure("not_found", "That technician does not exist in your company.");
  if (Number(current.version) !== version) {
    throw new ActionFailure("conflict", "Someone else changed this technician since you opened it. Reload to see their change, then edit again.");
  }
  const [row] = await tx.query<{ version: number }>(
    `update public.technicians set name = $3, email = $4, phone = $5, skills = $6, zones = $7, notes = $8,
            home_address = $9, home_lat = $10, home_lng = $11, home_approximate = $12, user_id = $13
      where org_id = $1 and id = $2 returning version`,
    [orgId, id, input.name, input.email, input.phone, skillsColumn(input), input.zones, input.notes, homeLine(input.home), input.home.lat, input.home.lng, input.home.approximate, input.userId],
  );
  await writeShiftsAndCerts(tx, orgId, id, input);
  return { id, version: Number(row.version) };
}

/**
 * Deactivates (history kept: past visits still name them) or reactivates a technician.
 * Returns the upcoming visits someone must move.
 */
export async function setTechnicianActive(tx: Queryable, orgId: string, id: string, version: number, active: boolean, now: Date): Promise<{ upcoming: VisitRef[] }> {
  const rows = await tx.query<{ version: number }>(
    `update public.technicians set active = $4, deactivated_at = case when $4 then null else $5::timestamptz end
      where org_id = $1 and id = $2 and version = $3 returning version`,
    [orgId, id, version, active, now.toISOString()],
  );
  if (rows.length === 0) {
    const [exists] = await tx.query("select 1 from public.technicians where org_id = $1 and id = $2", [orgId, id]);
    if (!exists) throw new ActionFailure("not_found", "That technician does not exist in your company.");
    throw new ActionFailure("conflict", "Someone else changed this technician since you opened it. Reload and try again.");
  }
  return { upcoming: active ? [] : await visitsOf(tx, id, now.toISOString(), null) };
}

async function assertTechnician(tx: Queryable, orgId: string, id: string): Promise<void> {
  const [row] = await tx.query("select 1 from public.technicians where org_id = $1 and id = $2", [orgId, id]);
  if (!row) throw new ActionFailure("not_found", "That technician does not exist in your company.");
}

/** Adds or changes a period of time off; returns the visits it collides with. */
export async function saveTimeOff(
  tx: Queryable,
  orgId: string,
  input: { technicianId: string; id?: string; start: string; end: string; reason: string | null },
): Promise<{ id: string; collisions: VisitRef[] }> {
  await assertTechnician(tx, orgId, input.technicianId);
  let id = input.id;
  if (id) {
    const rows = await tx.query<{ id: string }>(
      "update public.time_off set starts_at = $4, ends_at = $5, reason = $6 where org_id = $1 and technician_id = $2 and id = $3 returning id",
      [orgId, input.technicianId, id, input.start, input.end, input.reason],
    );
    if (rows.length === 0) throw new ActionFailure("not_found", "That time off no longer exists.");
  } else {
    const [row] = await tx.query<{ id: string }>(
      "insert into public.time_off (org_id, technician_id, starts_at, ends_at, reason) values ($1, $2, $3, $4, $5) returning id",
      [orgId, input.technicianId, input.start, input.end, input.reason],
    );
    id = row.id;
  }
  return { id, collisions: await visitsOf(tx, input.technicianId, input.start, input.end) };
}

export async function removeTimeOff(tx: Queryable, orgId: string, technicianId: string, id: string): Promise<void> {
  const rows = await tx.query("delete from public.time_off where org_id = $1 and technician_id = $2 and id = $3 returning id", [orgId, technicianId, id]);
  if (rows.length === 0) throw new ActionFailure("not_found", "That time off no longer exists.");
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
