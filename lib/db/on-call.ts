/**
 * On-call rotations, their members and swaps; who is on call now, upcoming turns
 * and the fairness table are computed by the engine (lib/engine/on-call.ts) from
 * these rows.
 */
import { ActionFailure } from "@/lib/actions/result";
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { onCallAt, onCallHours, turnsBetween, type ApprovedSwap, type OnCallTurn, type Rotation } from "@/lib/engine/on-call";

export interface RotationView extends Rotation {
  members: { id: string; name: string }[];
}

export interface SwapView {
  id: string;
  rotationId: string;
  rotationName: string;
  turnStart: string;
  fromTechnicianId: string;
  fromName: string;
  toTechnicianId: string;
  toName: string;
  reason: string | null;
  status: "requested" | "approved" | "declined";
  createdAt: string;
}

export interface OnCallData {
  rotations: RotationView[];
  swaps: SwapView[];
  approved: ApprovedSwap[];
  names: Map<string, string>;
}

const minuteOf = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 60000);

/** Every rotation of the company with its members in order, and every swap. */
export async function loadOnCall(tx: Queryable, orgId: string): Promise<OnCallData> {
  const [rotations, members, swaps] = await Promise.all([
    tx.query<Record<string, unknown>>(
      "select id, name, cadence, to_char(handover_time, 'HH24:MI') as handover_time, time_zone, starts_on::text as starts_on from public.on_call_rotations where org_id = $1 order by name",
      [orgId],
    ),
    tx.query<{ rotation_id: string; technician_id: string; name: string }>(
      `select m.rotation_id, m.technician_id, t.name from public.on_call_members m join public.technicians t on t.id = m.technician_id
        where m.org_id = $1 order by m.rotation_id, m.position`,
      [orgId],
    ),
    tx.query<Record<string, unknown>>(
      `select s.id, s.rotation_id, r.name as rotation_name, s.turn_starts_at, s.from_technician_id, f.name as from_name,
              s.to_technician_id, t.name as to_name, s.reason, s.status, s.created_at
         from public.on_call_swaps s join public.on_call_rotations r on r.id = s.rotation_id
         join public.technicians f on f.id = s.from_technician_id join public.technicians t on t.id = s.to_technician_id
        where s.org_id = $1 order by s.created_at desc limit 200`,
      [orgId],
    ),
  ]);
  const names = new Map<string, string>();
  const views: RotationView[] = rotations.map((r) => {
    const mine = members.filter((m) => m.rotation_id === r.id);
    for (const m of mine) names.set(m.technician_id, m.name);
    return {
      id: r.id as string,
      name: r.name as string,
      cadence: r.cadence as Rotation["cadence"],
      handoverTime: r.handover_time as string,
      timeZone: r.time_zone as string,
      startsOn: r.starts_on as string,
      memberIds: mine.map((m) => m.technician_id),
      members: mine.map((m) => ({ id: m.technician_id, name: m.name })),
    };
  });
  const swapViews: SwapView[] = swaps.map((s) => {
    names.set(s.from_technician_id as string, s.from_name as string);
    names.set(s.to_technician_id as string, s.to_name as string);
    return {
      id: s.id as string,
      rotationId: s.rotation_id as string,
      rotationName: s.rotation_name as string,
      turnStart: new Date(s.turn_starts_at as string).toISOString(),
      fromTechnicianId: s.from_technician_id as string,
      fromName: s.from_name as string,
      toTechnicianId: s.to_technician_id as string,
      toName: s.to_name as string,
      reason: (s.reason as string | null) ?? null,
      status: s.status as SwapView["status"],
      createdAt: new Date(s.created_at as string).toISOString(),
    };
  });
  const approved = swapViews
    .filter((s) => s.status === "approved")
    .map((s) => ({ rotationId: s.rotationId, turnStart: minuteOf(s.turnStart), fromTechnicianId: s.fromTechnicianId, toTechnicianId: s.toTechnicianId }));
  return { rotations: views, swaps: swapViews, approved, names };
}

export interface OnCallNow {
  rotationId: string;
  rotationName: string;
  technicianId: string;
  technicianName: string;
  until: string;
  swappedFrom: string | null;
}

/** Who is on call at `now` in each rotation that has started. */
export function onCallNow(data: OnCallData, now: Date): OnCallNow[] {
  const at = minuteOf(now);
  return data.rotations.flatMap((r) => {
    const turn = onCallAt(r, data.approved, at);
    if (!turn) return [];
    return [{
      rotationId: r.id,
      rotationName: r.name,
      technicianId: turn.technicianId,
      technicianName: data.names.get(turn.technicianId) ?? "a former member",
      until: new Date(turn.end * 60000).toISOString(),
      swappedFrom: turn.swappedFrom,
    }];
  });
}

export interface FairnessRow {
  technicianId: string;
  name: string;
  hours: number;
  turns: number;
}

/** On-call hours and turns per technician over the `days` before `now`, most first. */
export function fairness(data: OnCallData, now: Date, days = 90): FairnessRow[] {
  const to = minuteOf(now);
  const from = to - days * 1440;
  const rows = new Map<string, FairnessRow>();
  for (const r of data.rotations) {
    for (const id of r.memberIds) if (!rows.has(id)) rows.set(id, { technicianId: id, name: data.names.get(id) ?? id, hours: 0, turns: 0 });
    for (const [id, hours] of onCallHours(r, data.approved, from, to)) {
      const row = rows.get(id) ?? { technicianId: id, name: data.names.get(id) ?? id, hours: 0, turns: 0 };
      row.hours += hours;
      rows.set(id, row);
    }
    for (const t of turnsBetween(r, data.approved, from, to)) {
      const row = rows.get(t.technicianId);
      if (row) row.turns++;
    }
  }
  return [...rows.values()].map((r) => ({ ...r, hours: Math.round(r.hours * 10) / 10 })).sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name));
}

/** A technician's turns from `now` over the next `days`, in every rotation. */
export function upcomingTurns(data: OnCallData, technicianId: string, now: Date, days = 28): (OnCallTurn & { rotationName: string })[] {
  const from = minuteOf(now);
  return data.rotations
    .flatMap((r) => turnsBetween(r, data.approved, from, from + days * 1440).map((t) => ({ ...t, rotationName: r.name })))
    .filter((t) => t.technicianId === technicianId)
    .sort((a, b) => a.start - b.start);
}

export interface RotationInput {
  name: string;
  cadence: "daily" | "weekly";
  handoverTime: string;
  timeZone: string;
  startsOn: string;
  memberIds: string[];
}

export async function createRotation(tx: Queryable, orgId: string, input: RotationInput): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.on_call_rotations (org_id, name, cadence, handover_time, time_zone, starts_on)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [orgId, input.name, input.cadence, input.handoverTime, input.timeZone, input.startsOn],
  );
  for (const [position, technicianId] of input.memberIds.entries()) {
    await tx.query("insert into public.on_call_members (org_id, rotation_id, technician_id, position) values ($1, $2, $3, $4)", [
      orgId,
      row.id,
      technicianId,
      position,
    ]);
  }
  return row.id;
}

export interface SwapRequest {
  rotationId: string;
  turnStart: string;
  toTechnicianId: string;
  reason: string | null;
}

/**
 * Asks to hand one turn to another member of the rotation. A technician may only
 * give away their own turn; dispatchers and admins may ask for anyone's.
 */
export async function requestSwap(tx: Queryable, actor: Pick<SessionUser, "userId" | "orgId" | "role">, input: SwapRequest, now: Date): Promise<string> {
  const data = await loadOnCall(tx, actor.orgId);
  const rotation = data.rotations.find((r) => r.id === input.rotationId);
  if (!rotation) throw new ActionFailure("not_found", "That rotation does not exist in your company.");
  const start = minuteOf(input.turnStart);
  const turn = onCallAt(rotation, data.approved, start);
  if (!turn || turn.start !== start) throw new ActionFailure("refused", "That is not the start of a turn of this rotation.");
  if (turn.end <= minuteOf(now)) throw new ActionFailure("refused", "That turn is over.");
  if (!rotation.memberIds.includes(input.toTechnicianId)) throw new ActionFailure("refused", "Swap only with a member of the rotation.");
  if (input.toTechnicianId === turn.technicianId) throw new ActionFailure("refused", "That turn is already theirs.");
  if (actor.role === "technician" || actor.role === "viewer") {
    const [me] = await tx.query<{ id: string }>("select id from public.technicians where org_id = $1 and user_id = $2", [actor.orgId, actor.userId]);
    if (!me || me.id !== turn.technicianId) throw new ActionFailure("forbidden", "You can only ask to swap your own turn.");
  }
  const [row] = await tx.query<{ id: string }>(
    `insert into public.on_call_swaps (org_id, rotation_id, turn_starts_at, from_technician_id, to_technician_id, reason)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [actor.orgId, rotation.id, new Date(start * 60000).toISOString(), turn.technicianId, input.toTechnicianId, input.reason],
  );
  return row.id;
}

/** Approves or declines a requested swap; the audit trail records who decided. */
export async function decideSwap(tx: Queryable, orgId: string, id: string, approve: boolean): Promise<void> {
  const rows = await tx.query(
    "update public.on_call_swaps set status = $3 where id = $1 and org_id = $2 and status = 'requested' returning id",
    [id, orgId, approve ? "approved" : "declined"],
  );
  if (rows.length === 0) throw new ActionFailure("conflict", "That swap was already decided or no longer exists.");
}

/** The technician record linked to a signed-in person, if any. */
export async function myTechnicianId(tx: Queryable, orgId: string, userId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>("select id from public.technicians where org_id = $1 and user_id = $2", [orgId, userId]);
  return row?.id ?? null;
}
