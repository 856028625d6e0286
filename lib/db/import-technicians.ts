/**
 * Technicians (and their weekly shifts) from a file, set-based: every technician
 * of the company is read once with their shifts, each row is matched and compared
 * in memory (external id, else email, else name), and the differences are written
 * with a few bulk statements. Unchanged technicians are not written at all.
 */
import { randomUUID } from "node:crypto";
import type { Queryable } from "@/lib/db/client";
import { RowProblem, diff, emptyRun, type Run } from "@/lib/db/import-common";
import type { TechnicianCsvRow } from "@/lib/csv/technicians-csv";
import type { CsvError } from "@/lib/csv/csv-core";

export interface TechnicianValues {
  name: string;
  email: string | null;
  external_id: string | null;
  phone: string | null;
  skills: string[];
  home_lat: number;
  home_lng: number;
  home_address: string | null;
  active: boolean;
}

interface StoredShift {
  id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
}

export interface StoredTechnician extends TechnicianValues {
  id: string;
  version: number;
  shifts: StoredShift[];
}

/** One weekday's shift, as the file wants it. */
interface ShiftValue {
  weekday: number;
  start: string;
  end: string;
}

export interface TechnicianWrite {
  row: number;
  id: string;
  /** null: the technician's own fields are unchanged (only shifts change). */
  after: TechnicianValues | null;
  before: StoredTechnician | null;
  shifts: { remove: StoredShift[]; add: ShiftValue[]; change: (ShiftValue & { id: string })[] };
}

export interface TechnicianPlan {
  run: Run;
  writes: TechnicianWrite[];
}

const FIELDS = ["name", "email", "external_id", "phone", "skills", "home_lat", "home_lng", "home_address", "active"] as const;

/** Every technician of the company with their shifts, read in one statement. */
export async function loadTechnicians(tx: Queryable, orgId: string): Promise<StoredTechnician[]> {
  const [{ j }] = await tx.query<{ j: string }>(
    `select coalesce(json_agg(json_build_object(
        'id', t.id, 'version', t.version, 'name', t.name, 'email', t.email, 'external_id', t.external_id, 'phone', t.phone,
        'skills', t.skills, 'home_lat', t.home_lat, 'home_lng', t.home_lng, 'home_address', t.home_address, 'active', t.active,
        'shifts', coalesce((select json_agg(json_build_object('id', s.id, 'weekday', s.weekday,
                              'starts_at', to_char(s.starts_at, 'HH24:MI'), 'ends_at', to_char(s.ends_at, 'HH24:MI')))
                              from public.technician_shifts s where s.technician_id = t.id), '[]'))), '[]')::text as j
       from public.technicians t where t.org_id = $1`,
    [orgId],
  );
  return JSON.parse(j) as StoredTechnician[];
}

// postgres.js mistypes arrays of booleans: they travel as text and are cast in SQL
const param = (v: unknown) => (typeof v === "boolean" ? String(v) : v);
const lower = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

function matchTechnician(stored: readonly StoredTechnician[], index: { external: Map<string, StoredTechnician>; email: Map<string, StoredTechnician>; name: Map<string, StoredTechnician[]> }, r: TechnicianCsvRow): StoredTechnician | null {
  if (r.externalId) {
    const t = index.external.get(r.externalId);
    if (t) return t;
  }
  if (r.email) {
    const t = index.email.get(r.email.toLowerCase());
    if (t) {
      if (r.externalId && t.external_id && t.external_id !== r.externalId) {
        throw new RowProblem("external_id", `the technician with email ${r.email} has the external id ${t.external_id}, not ${r.externalId}`);
      }
      return t;
    }
  }
  // by name: a row with an email or external id only claims a technician who has none yet
  const byName = (index.name.get(lower(r.name)) ?? []).filter((t) => (!r.email || t.email === null) && (!r.externalId || t.external_id === null));
  if (byName.length > 1) throw new RowProblem("name", `${byName.length} technicians are named ${r.name}; add their email to tell them apart`);
  return byName[0] ?? null;
}

function shiftChanges(current: readonly StoredShift[], wanted: TechnicianCsvRow["shifts"]): TechnicianWrite["shifts"] {
  const out: TechnicianWrite["shifts"] = { remove: [], add: [], change: [] };
  for (const [day, want] of Object.entries(wanted)) {
    const weekday = Number(day);
    const have = current.find((s) => Number(s.weekday) === weekday);
    if (!want && have) out.remove.push(have);
    else if (want && !have) out.add.push({ weekday, start: want.start, end: want.end });
    else if (want && have && (have.starts_at !== want.start || have.ends_at !== want.end)) out.change.push({ id: have.id, weekday, start: want.start, end: want.end });
  }
  return out;
}

/** Matches and compares every row in memory: what to create, update or leave, and each row's problem. */
export function planTechnicians(stored: readonly StoredTechnician[], rows: readonly TechnicianCsvRow[]): TechnicianPlan {
  const run = emptyRun(["technicians"]);
  const index = { external: new Map<string, StoredTechnician>(), email: new Map<string, StoredTechnician>(), name: new Map<string, StoredTechnician[]>() };
  for (const t of stored) {
    if (t.external_id) index.external.set(t.external_id, t);
    if (t.email) index.email.set(t.email.toLowerCase(), t);
    index.name.set(lower(t.name), [...(index.name.get(lower(t.name)) ?? []), t]);
  }
  const claimed = new Map<string, number>();
  const creates: TechnicianWrite[] = [];
  const updates: TechnicianWrite[] = [];
  for (const r of rows) {
    try {
      const found = matchTechnician(stored, index, r);
      if (found) {
        const earlier = claimed.get(found.id);
        if (earlier !== undefined) throw new RowProblem("name", `describes the same technician as row ${earlier} (${found.name})`);
        claimed.set(found.id, r.row);
      }
      const id = found?.id ?? randomUUID();
      const emailOwner = r.email ? index.email.get(r.email.toLowerCase()) : undefined;
      if (emailOwner && emailOwner.id !== id) throw new RowProblem("email", `another technician of your company already has the email ${r.email}`);
      const externalOwner = r.externalId ? index.external.get(r.externalId) : undefined;
      if (externalOwner && externalOwner.id !== id) throw new RowProblem("external_id", `another technician of your company already has the external id ${r.externalId}`);
      if (!found) {
        creates.push({
          row: r.row,
          id,
          before: null,
          after: {
            name: r.name,
            email: r.email ?? null,
            external_id: r.externalId ?? null,
            phone: r.phone ?? null,
            skills: r.skills ?? [],
            home_lat: r.home.lat,
            home_lng: r.home.lng,
            home_address: r.homeAddress ?? null,
            active: r.active ?? true,
          },
          shifts: shiftChanges([], r.shifts),
        });
        run.counts.technicians.created += 1;
        continue;
      }
      const changes = diff(
        { ...found },
        {
          name: r.name,
          email: r.email,
          external_id: r.externalId,
          phone: r.phone,
          skills: r.skills,
          home_lat: r.home.lat,
          home_lng: r.home.lng,
          home_address: r.homeAddress,
          active: r.active,
        },
      );
      const shifts = shiftChanges(found.shifts, r.shifts);
      const shiftsChanged = shifts.remove.length + shifts.add.length + shifts.change.length > 0;
      if (Object.keys(changes).length === 0 && !shiftsChanged) {
        run.counts.technicians.unchanged += 1;
        continue;
      }
      const after =
        Object.keys(changes).length === 0 ? null : (Object.fromEntries(FIELDS.map((f) => [f, f in changes ? changes[f] : found[f]])) as unknown as TechnicianValues);
      updates.push({ row: r.row, id, before: found, after, shifts });
      run.counts.technicians.updated += 1;
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      run.errors.push({ row: r.row, column: err.column, message: err.message });
    }
  }
  return { run, writes: [...creates, ...updates] };
}

const COLUMNS = "name, email, external_id, phone, skills, home_lat, home_lng, home_address, active";
// skills travel as one JSON array per technician: unnest would flatten a text[][]
const UNNEST = "unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[], $11::text[]::boolean[])";
const SELECT = "u.id, u.name, u.email, u.external_id, u.phone, array(select jsonb_array_elements_text(u.skills::jsonb)), u.home_lat, u.home_lng, u.home_address, u.active";

function columnsOf(rows: readonly { id: string; v: TechnicianValues }[]): unknown[] {
  return [
    rows.map((r) => r.id),
    ...FIELDS.map((f) => rows.map((r) => (f === "skills" ? JSON.stringify(r.v.skills) : param(r.v[f])))),
  ];
}

async function writeShifts(tx: Queryable, orgId: string, writes: readonly { id: string; shifts: TechnicianWrite["shifts"] }[]): Promise<void> {
  const remove = writes.flatMap((w) => w.shifts.remove.map((s) => s.id));
  if (remove.length > 0) await tx.query("delete from public.technician_shifts where org_id = $1 and id = any($2::uuid[])", [orgId, remove]);
  const change = writes.flatMap((w) => w.shifts.change);
  if (change.length > 0) {
    await tx.query(
      `update public.technician_shifts s set starts_at = u.starts_at, ends_at = u.ends_at
         from unnest($2::uuid[], $3::time[], $4::time[]) as u(id, starts_at, ends_at) where s.org_id = $1 and s.id = u.id`,
      [orgId, change.map((c) => c.id), change.map((c) => c.start), change.map((c) => c.end)],
    );
  }
  const add = writes.flatMap((w) => w.shifts.add.map((a) => ({ technicianId: w.id, ...a })));
  if (add.length > 0) {
    await tx.query(
      `insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at)
       select $1, * from unnest($2::uuid[], $3::smallint[], $4::time[], $5::time[])`,
      [orgId, add.map((a) => a.technicianId), add.map((a) => a.weekday), add.map((a) => a.start), add.map((a) => a.end)],
    );
  }
}

/**
 * Writes a slice of the plan with a few bulk statements. Returns the rows someone
 * else changed meanwhile (a technician added with the same email, or edited since it
 * was read): the caller refuses the whole import then.
 */
export async function writeTechnicians(tx: Queryable, orgId: string, writes: readonly TechnicianWrite[]): Promise<CsvError[]> {
  const problems: CsvError[] = [];
  const creates = writes.filter((w) => !w.before);
  const updates = writes.filter((w) => w.before && w.after);
  if (creates.length > 0) {
    const inserted = await tx.query<{ id: string }>(
      `insert into public.technicians (org_id, id, ${COLUMNS}) select $1, ${SELECT} from ${UNNEST} as u(id, ${COLUMNS})
       on conflict do nothing returning id`,
      [orgId, ...columnsOf(creates.map((w) => ({ id: w.id, v: w.after! })))],
    );
    const ok = new Set(inserted.map((r) => r.id));
    for (const w of creates) {
      if (!ok.has(w.id)) problems.push({ row: w.row, column: w.after!.external_id ? "external_id" : "email", message: "a technician with this email or external id was added by someone else while the file was imported" });
    }
  }
  if (updates.length > 0) {
    const updated = await tx.query<{ id: string }>(
      `update public.technicians t
          set ${FIELDS.map((f) => (f === "skills" ? "skills = array(select jsonb_array_elements_text(u.skills::jsonb))" : `${f} = u.${f}`)).join(", ")}
         from unnest($2::uuid[], $12::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[], $11::text[]::boolean[])
              as u(id, seen, ${COLUMNS})
        where t.org_id = $1 and t.id = u.id and t.version = u.seen
        returning t.id`,
      [orgId, ...columnsOf(updates.map((w) => ({ id: w.id, v: w.after! }))), updates.map((w) => w.before!.version)],
    );
    const ok = new Set(updated.map((r) => r.id));
    for (const w of updates) {
      if (!ok.has(w.id)) problems.push({ row: w.row, column: null, message: `${w.before!.name} was changed by someone else while the file was imported` });
    }
  }
  if (problems.length === 0) await writeShifts(tx, orgId, writes);
  return problems;
}

/** Puts a slice of written technicians back as they were: created ones removed, updated ones and their shifts restored. */
export async function undoTechnicians(tx: Queryable, orgId: string, writes: readonly TechnicianWrite[]): Promise<void> {
  const created = writes.filter((w) => !w.before).map((w) => w.id);
  if (created.length > 0) await tx.query("delete from public.technicians where org_id = $1 and id = any($2::uuid[])", [orgId, created]);
  const updated = writes.filter((w) => w.before);
  const restore = updated.filter((w) => w.after).map((w) => ({ id: w.id, v: w.before! as TechnicianValues }));
  if (restore.length > 0) {
    await tx.query(
      `update public.technicians t
          set ${FIELDS.map((f) => (f === "skills" ? "skills = array(select jsonb_array_elements_text(u.skills::jsonb))" : `${f} = u.${f}`)).join(", ")}
         from ${UNNEST} as u(id, ${COLUMNS}) where t.org_id = $1 and t.id = u.id`,
      [orgId, ...columnsOf(restore)],
    );
  }
  // shifts: put back every weekday the import touched
  const ids = updated.map((w) => w.id);
  if (ids.length > 0) {
    await tx.query("delete from public.technician_shifts where org_id = $1 and technician_id = any($2::uuid[])", [orgId, ids]);
    const back = updated.flatMap((w) => w.before!.shifts.map((s) => ({ technicianId: w.id, ...s })));
    if (back.length > 0) {
      await tx.query(
        `insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at)
         select $1, * from unnest($2::uuid[], $3::smallint[], $4::time[], $5::time[])`,
        [orgId, back.map((b) => b.technicianId), back.map((b) => b.weekday), back.map((b) => b.starts_at), back.map((b) => b.ends_at)],
      );
    }
  }
}
