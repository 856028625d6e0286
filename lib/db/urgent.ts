/**
 * Emergency intake and the approval gate. Entering an urgent job creates it and
 * ranks bump options; nothing on the board moves and nobody is messaged until a
 * person approves one option, which then applies in one transaction — or is
 * refused and re-ranked when the board changed since the options were shown.
 */
import { onCallChoice, onCallReason, type OnCallChoice } from "@/lib/db/after-hours";
import type { Queryable } from "@/lib/db/client";
import { JOB_SELECT, loadBoardDay, loadCompanySettings, mapJob, type BoardDay, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { promisedWindow, queueCustomerNotice, queueCustomerRescheduleNotice, siteOf } from "@/lib/db/customer-notices";
import { queueTechnicianDays } from "@/lib/db/publish";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { addDays } from "@/lib/time/calendar-date";
import { dayRange, wallClock } from "@/lib/time/zoned-time";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { rankBumpOptions, type BumpOption } from "@/lib/engine/bump-ranking";
import { composeArrivalWindow } from "@/lib/notify/messages";
import type { SeenVisit } from "@/lib/optimise/day-proposal";
import type { UrgentReplan } from "@/lib/optimise/urgent-replan";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId" | "role">;

export interface UrgentInput {
  workOrder: string;
  customerId?: string | null;
  newCustomer?: { name: string; phone?: string | null; email?: string | null } | null;
  address?: string | null;
  city?: string | null;
  lat: number;
  lng: number;
  requiredSkills: string[];
  durationMin: number;
  /** Must be finished by (ISO). */
  deadline: string;
  priority: 1 | 2 | 3 | 4;
  description: string;
  notes?: string | null;
}

/** What a "re-plan the day" option was planned on, for its approval. */
export interface StoredReplan {
  /** Every technician whose day the re-plan may change. */
  technicianIds: string[];
  /** Each visit on their lanes as it stood when planned. */
  seen: SeenVisit[];
  summary: string;
}

/** An option as stored and shown: the engine's option, times as ISO strings. */
export interface StoredOption {
  id: string;
  rank: number;
  /** A bump option (bump-ranking.ts), or the day re-planned by the route optimiser. Absent: bump. */
  kind?: "bump" | "replan" | "on_call";
  replan?: StoredReplan;
  technicianId: string;
  technicianName: string;
  urgentStart: string;
  urgentEnd: string;
  fitsWithoutBump: boolean;
  meetsDeadline: boolean;
  addedTravelMin: number;
  travelByTechnician: { technicianId: string; technicianName: string; addedMin: number }[];
  harm: { score: number; parts: { factor: string; value: number; why: string }[] };
  flags: { slaOverride: boolean; uniqueSkill?: string; unscheduled: boolean };
  warnings: string[];
  bumped: {
    jobId: string;
    workOrder: string;
    customerName: string;
    priority: number;
    old: { leaderId: string; start: string; end: string };
    next: { leaderId: string; start: string; end: string; day: "today" | "later" } | null;
    oldWindow: { start: string; end: string };
    newWindow: { start: string; end: string } | null;
    slaOrContract: boolean;
    reason: string;
  }[];
}

export interface UrgentRequest {
  id: string;
  workOrder: string;
  job: BoardJob;
  status: "open" | "approved" | "cancelled";
  allowSlaOverride: boolean;
  options: StoredOption[];
  rankingMessage: string | null;
  deadlineMet: boolean;
  /**
   * The "re-plan the day" option: pending until the optimiser has run for the
   * current ranking; offered (in `options`); or none, with the reason.
   */
  replan: { state: "pending" | "offered" | "none"; note: string | null };
  rankedAt: string | null;
  approvedOption: StoredOption | null;
  approvedBy: string | null;
  approvedAt: string | null;
  overrideReason: string | null;
  createdBy: string | null;
  createdAt: string;
  date: string;
}

/** An engine option as stored (times as ISO strings). */
export function storeOption(o: BumpOption, rank: number, replan?: StoredReplan): StoredOption {
  return {
    id: o.id,
    rank,
    kind: replan ? "replan" : "bump",
    ...(replan ? { replan } : {}),
    technicianId: o.technicianId,
    technicianName: o.technicianName,
    urgentStart: toIso(o.urgentSlot.start),
    urgentEnd: toIso(o.urgentSlot.end),
    fitsWithoutBump: o.fitsWithoutBump,
    meetsDeadline: o.meetsDeadline,
    addedTravelMin: o.addedTravelMin,
    travelByTechnician: o.travelByTechnician,
    harm: o.harm,
    flags: o.flags,
    warnings: o.warnings,
    bumped: o.bumped.map((b) => ({
      jobId: b.jobId,
      workOrder: b.workOrder,
      customerName: b.customerName,
      priority: b.priority,
      old: { leaderId: b.oldSlot.leaderId, start: toIso(b.oldSlot.start), end: toIso(b.oldSlot.end) },
      next: b.newSlot ? { leaderId: b.newSlot.leaderId, start: toIso(b.newSlot.start), end: toIso(b.newSlot.end), day: b.newSlot.day } : null,
      oldWindow: { start: toIso(b.oldWindow.start), end: toIso(b.oldWindow.end) },
      newWindow: b.newWindow ? { start: toIso(b.newWindow.start), end: toIso(b.newWindow.end) } : null,
      slaOrContract: b.slaOrContract,
      reason: b.reason,
    })),
  };
}

/** What an option changes, for comparing a ranking with a later one. */
function signature(o: StoredOption): string {
  // explicit field order: options read back from jsonb come with their keys reordered
  const slot = (s: { leaderId: string; start: string; end: string } | null) => (s ? [s.leaderId, s.start, s.end] : null);
  return JSON.stringify([o.technicianId, o.urgentStart, o.urgentEnd, o.bumped.map((b) => [b.jobId, slot(b.old), slot(b.next)])]);
}

interface Ranked {
  options: StoredOption[];
  message: string;
  deadlineMet: boolean;
}

/** The ranking as stored in urgent_requests.options. */
interface StoredRanking {
  list?: StoredOption[];
  deadlineMet?: boolean;
  /** Why there is no re-plan option (null: offered, or not planned yet). */
  replanNote?: string | null;
}

/** Ranks bump options for the request's job on today's board and the next working days. */
async function rank(tx: Queryable, orgId: string, company: CompanySettings, job: BoardJob, allowSlaOverride: boolean, now: Date): Promise<Ranked> {
  const today = wallClock(now, company.timeZone).date;
  const day = await loadBoardDay(tx, orgId, today, { company });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  day.jobs[job.id] = job;
  const board = toEngineBoard(day);
  const laterBoards = [];
  for (let i = 1; i <= 3; i++) {
    const date = addDays(today, i);
    const later = await loadBoardDay(tx, orgId, date, { company });
    if (!later) continue;
    const laterBoard = toEngineBoard(later);
    const range = dayRange(date, company.timeZone);
    laterBoards.push({ board: laterBoard, day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) }, travel: travelForUnion(later, laterBoard, day) });
  }
  const range = dayRange(today, company.timeZone);
  const ranking = rankBumpOptions(toEngineJob(job), board, travelFor(day, board), Math.ceil(now.getTime() / 60000), {
    allowSlaOverride,
    slotMinutes: company.snapMinutes,
    timeZone: company.timeZone,
    day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) },
    laterBoards,
    maxOptions: 10,
  });
  const options = ranking.options.map((o, i) => storeOption(o, i + 1));
  // after hours the technician on call comes first, as after-hours intake books them
  const onCall = await onCallChoice(tx, orgId, job, company, now, day);
  if (!onCall) return { options, message: ranking.message, deadlineMet: ranking.deadlineMet };
  const meetsDeadline = job.deadline ? onCall.end <= toMinute(job.deadline) : true;
  return {
    options: [onCallOption(onCall, meetsDeadline, company.timeZone), ...options.map((o) => ({ ...o, rank: o.rank + 1 }))],
    message: `First choice, ${onCallReason(onCall, "can be there at", company.timeZone)}. ${ranking.message}`,
    deadlineMet: meetsDeadline || ranking.deadlineMet,
  };
}

/** The on-call technician as an option: nobody bumped, their drive from home base. */
function onCallOption(c: OnCallChoice, meetsDeadline: boolean, timeZone: string): StoredOption {
  return {
    id: `on-call:${c.technicianId}`,
    rank: 1,
    kind: "on_call",
    technicianId: c.technicianId,
    technicianName: c.technicianName,
    urgentStart: toIso(c.start),
    urgentEnd: toIso(c.end),
    fitsWithoutBump: true,
    meetsDeadline,
    addedTravelMin: c.driveMin,
    travelByTechnician: [{ technicianId: c.technicianId, technicianName: c.technicianName, addedMin: c.driveMin }],
    harm: { score: 0, parts: [{ factor: "on call", value: 0, why: onCallReason(c, "can be there at", timeZone) }] },
    flags: { slaOverride: false, unscheduled: false },
    warnings: c.missing.length ? [`${c.technicianName} does not hold ${c.missing.join(", ")}; no one on call does.`] : [],
    bumped: [],
  };
}

/** Travel for a later day that also knows today's jobs (a bumped job moves from today to then). */
function travelForUnion(later: BoardDay, laterBoard: ReturnType<typeof toEngineBoard>, today: BoardDay) {
  const merged: BoardDay = { ...later, jobs: { ...today.jobs, ...later.jobs } };
  return travelFor(merged, { ...laterBoard, jobs: [...laterBoard.jobs, ...toEngineBoard(today).jobs] });
}

async function loadJob(tx: Queryable, jobId: string): Promise<BoardJob> {
  const [r] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [jobId]);
  return mapJob(r);
}

async function companyOf(tx: Queryable, orgId: string): Promise<CompanySettings> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  return company;
}

export async function getUrgentRequest(tx: Queryable, orgId: string, id: string): Promise<UrgentRequest | null> {
  const rows = await tx.query<Record<string, unknown>>(
    `select u.*, pa.full_name as approved_by_name, pc.full_name as created_by_name
       from public.urgent_requests u
       left join public.profiles pa on pa.id = u.approved_by
       left join public.profiles pc on pc.id = u.created_by
      where u.id = $1 and u.org_id = $2`,
    [id, orgId],
  );
  const r = rows[0];
  if (!r) return null;
  const company = await companyOf(tx, orgId);
  const options = (r.options as StoredRanking | StoredOption[]) ?? [];
  const list = Array.isArray(options) ? options : (options.list ?? []);
  const replanNote = Array.isArray(options) ? null : (options.replanNote ?? null);
  return {
    id: r.id as string,
    workOrder: r.work_order as string,
    job: await loadJob(tx, r.job_id as string),
    status: r.status as UrgentRequest["status"],
    allowSlaOverride: Boolean(r.allow_sla_override),
    options: list,
    rankingMessage: (r.ranking_message as string | null) ?? null,
    deadlineMet: Array.isArray(options) ? true : options.deadlineMet !== false,
    replan: {
      state: list.some((o) => o.kind === "replan") ? "offered" : replanNote !== null ? "none" : "pending",
      note: replanNote,
    },
    rankedAt: r.ranked_at ? new Date(r.ranked_at as string).toISOString() : null,
    approvedOption: (r.approved_option as StoredOption | null) ?? null,
    approvedBy: (r.approved_by_name as string | null) ?? null,
    approvedAt: r.approved_at ? new Date(r.approved_at as string).toISOString() : null,
    overrideReason: (r.override_reason as string | null) ?? null,
    createdBy: (r.created_by_name as string | null) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
    date: wallClock(new Date(r.created_at as string), company.timeZone).date,
  };
}

export async function listUrgentRequests(tx: Queryable, orgId: string, limit = 20): Promise<{ id: string; workOrder: string; status: string; createdAt: string }[]> {
  const rows = await tx.query<{ id: string; work_order: string; status: string; created_at: Date }>(
    "select id, work_order, status, created_at from public.urgent_requests where org_id = $1 order by created_at desc limit $2",
    [orgId, limit],
  );
  return rows.map((r) => ({ id: r.id, workOrder: r.work_order, status: r.status, createdAt: new Date(r.created_at).toISOString() }));
}

async function saveRanking(tx: Queryable, actor: Actor, requestId: string, workOrder: string, ranked: Ranked): Promise<void> {
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({
      summary: `${actor.name} ranked ${ranked.options.length} option${ranked.options.length === 1 ? "" : "s"} for urgent ${workOrder}${ranked.options[0] ? ` (best: ${ranked.options[0].technicianName} at ${ranked.options[0].urgentStart})` : ""}`,
      kind: "urgent_rank",
    }),
  ]);
  await tx.query(
    "update public.urgent_requests set options = $2::jsonb, ranking_message = $3, ranked_at = now(), ranked_by = $4 where id = $1",
    [requestId, JSON.stringify({ list: ranked.options, deadlineMet: ranked.deadlineMet }), ranked.message, actor.userId],
  );
}

/**
 * Enters an urgent job. The work order is the key: entering it again returns the
 * existing request (and its state) and creates nothing.
 */
export async function submitUrgent(tx: Queryable, actor: Actor, input: UrgentInput, now: Date): Promise<{ id: string; existing: boolean }> {
  const company = await companyOf(tx, actor.orgId);
  const workOrder = input.workOrder.trim();
  const existing = await tx.query<{ id: string }>("select id from public.urgent_requests where org_id = $1 and work_order = $2", [actor.orgId, workOrder]);
  if (existing[0]) return { id: existing[0].id, existing: true };
  const taken = await tx.query("select 1 from public.jobs where org_id = $1 and work_order = $2", [actor.orgId, workOrder]);
  if (taken.length > 0) {
    throw new ActionFailure("conflict", `Work order ${workOrder} is already a job on the board (not an urgent request).`, { workOrder: ["This work order belongs to an existing job."] });
  }
  let customerId = input.customerId ?? null;
  if (!customerId) {
    if (!input.newCustomer) throw new ActionFailure("validation", "Choose a customer or enter a new one.", { customerId: ["Choose a customer or enter a new one."] });
    const [c] = await tx.query<{ id: string }>(
      "insert into public.customers (org_id, name, phone, email, address, city, lat, lng) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
      [actor.orgId, input.newCustomer.name, input.newCustomer.phone ?? null, input.newCustomer.email ?? null, input.address ?? null, input.city ?? null, input.lat, input.lng],
    );
    customerId = c.id;
  } else {
    const [c] = await tx.query("select 1 from public.customers where id = $1 and org_id = $2", [customerId, actor.orgId]);
    if (!c) throw new ActionFailure("not_found", "That customer does not exist in your company.", { customerId: ["Choose a customer of your company."] });
  }
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({ summary: `${actor.name} entered urgent job ${workOrder}: ${input.description}`, kind: "urgent_intake" }),
  ]);
  const [job] = await tx.query<{ id: string }>(
    `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes,
        address, city, lat, lng, deadline, notes, source, dispatch_state, dispatch_reason, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'urgent', 'manual', 'urgent: waiting for a dispatcher to approve an option', $14)
     returning id`,
    [actor.orgId, workOrder, customerId, input.description, input.priority, input.requiredSkills, input.durationMin, input.address ?? null, input.city ?? null, input.lat, input.lng, input.deadline, input.notes ?? null, actor.userId],
  );
  // a racing second entry of the same work order waits here and then finds this one
  const [req] = await tx.query<{ id: string }>(
    `insert into public.urgent_requests (org_id, work_order, job_id, created_by) values ($1, $2, $3, $4)
     on conflict (org_id, work_order) do nothing returning id`,
    [actor.orgId, workOrder, job.id, actor.userId],
  );
  if (!req) throw new ActionFailure("conflict", `Urgent work order ${workOrder} was just entered by someone else.`);
  await saveRanking(tx, actor, req.id, workOrder, await rank(tx, actor.orgId, company, await loadJob(tx, job.id), false, now));
  return { id: req.id, existing: false };
}

/** Ranks the options again (e.g. with the SLA override ticked or after the board changed). */
export async function rerankUrgent(tx: Queryable, actor: Actor, requestId: string, allowSlaOverride: boolean, now: Date): Promise<void> {
  const company = await companyOf(tx, actor.orgId);
  const [r] = await tx.query<{ status: string; job_id: string; work_order: string }>(
    "select status, job_id, work_order from public.urgent_requests where id = $1 and org_id = $2 for update",
    [requestId, actor.orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That urgent request does not exist in your company.");
  if (r.status !== "open") throw new ActionFailure("conflict", `Urgent ${r.work_order} is already ${r.status}.`);
  await tx.query("update public.urgent_requests set allow_sla_override = $2 where id = $1", [requestId, allowSlaOverride]);
  await saveRanking(tx, actor, requestId, r.work_order, await rank(tx, actor.orgId, company, await loadJob(tx, r.job_id), allowSlaOverride, now));
}

/** What re-planning an urgent request's day needs, read in one short transaction. */
export interface ReplanInput {
  requestId: string;
  workOrder: string;
  job: BoardJob;
  day: BoardDay;
  allowSlaOverride: boolean;
  /** When the options were ranked: a re-plan made for an older ranking is not kept. */
  rankedAt: string | null;
}

/**
 * Loads an open urgent request and today's board for re-planning; null when the
 * request is not open (approved or cancelled: nothing to plan).
 */
export async function loadReplanInput(tx: Queryable, orgId: string, requestId: string, now: Date): Promise<ReplanInput | null> {
  const [r] = await tx.query<{ status: string; job_id: string; work_order: string; allow_sla_override: boolean; ranked_at: Date | null }>(
    "select status, job_id, work_order, allow_sla_override, ranked_at from public.urgent_requests where id = $1 and org_id = $2",
    [requestId, orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That urgent request does not exist in your company.");
  if (r.status !== "open") return null;
  const company = await companyOf(tx, orgId);
  const day = await loadBoardDay(tx, orgId, wallClock(now, company.timeZone).date, { company });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  return {
    requestId,
    workOrder: r.work_order,
    job: await loadJob(tx, r.job_id),
    day,
    allowSlaOverride: Boolean(r.allow_sla_override),
    rankedAt: r.ranked_at ? new Date(r.ranked_at).toISOString() : null,
  };
}

/** Options in the order shown: free gaps first, then least harm (the ranking's order kept on ties). */
function byHarm(options: StoredOption[]): StoredOption[] {
  return options
    .map((o, i) => ({ o, i }))
    .sort((a, b) => Number(b.o.fitsWithoutBump) - Number(a.o.fitsWithoutBump) || a.o.harm.score - b.o.harm.score || a.i - b.i)
    .map(({ o }, i) => ({ ...o, rank: i + 1 }));
}

/**
 * Adds the re-plan option to the request's ranked options (or records why there
 * is none). Kept only while the request is open and ranked as it was when the
 * day was read; otherwise nothing is stored and `kept` is false.
 */
export async function saveReplanOption(tx: Queryable, actor: Actor, input: Pick<ReplanInput, "requestId" | "rankedAt">, replan: UrgentReplan): Promise<{ kept: boolean }> {
  const [r] = await tx.query<{ status: string; work_order: string; ranked_at: Date | null; options: StoredRanking | null }>(
    "select status, work_order, ranked_at, options from public.urgent_requests where id = $1 and org_id = $2 for update",
    [input.requestId, actor.orgId],
  );
  if (!r || r.status !== "open") return { kept: false };
  if ((r.ranked_at ? new Date(r.ranked_at).toISOString() : null) !== input.rankedAt) return { kept: false };
  const stored: StoredRanking = r.options && !Array.isArray(r.options) ? r.options : { list: [] };
  const bumps = (stored.list ?? []).filter((o) => o.kind !== "replan");
  const list = replan.option
    ? byHarm([...bumps, storeOption(replan.option, 0, { technicianIds: replan.technicianIds, seen: replan.seen, summary: replan.summary })])
    : bumps;
  const note = replan.option ? null : replan.reason;
  const mine = list.find((o) => o.kind === "replan");
  await tx.query("select set_config('app.audit_context', $1, true)", [
    JSON.stringify({
      summary: mine
        ? `${actor.name} re-planned the day for urgent ${r.work_order}: option ${mine.rank}, ${mine.technicianName} at ${mine.urgentStart}, harm ${mine.harm.score}`
        : `${actor.name} re-planned the day for urgent ${r.work_order}: no option (${note})`,
      kind: "urgent_rank",
    }),
  ]);
  await tx.query("update public.urgent_requests set options = $2::jsonb where id = $1", [
    input.requestId,
    JSON.stringify({ ...stored, list, replanNote: note } satisfies StoredRanking),
  ]);
  return { kept: true };
}

/** The visit on the re-planned lanes that changed since the plan was made, or null. */
async function replanChangedSince(tx: Queryable, orgId: string, company: CompanySettings, replan: StoredReplan, now: Date): Promise<string | null> {
  const day = await loadBoardDay(tx, orgId, wallClock(now, company.timeZone).date, { technicianIds: replan.technicianIds, company });
  if (!day) return null;
  const seen = new Map(replan.seen.map((v) => [v.jobId, v]));
  const moved = day.assignments.find((a) => {
    const was = seen.get(a.jobId);
    return !was || was.jobVersion !== day.jobs[a.jobId].version || was.assignmentVersion !== a.version;
  });
  if (moved) return day.jobs[moved.jobId].workOrder;
  const present = new Set(day.assignments.map((a) => a.jobId));
  const gone = replan.seen.find((v) => !present.has(v.jobId));
  return gone ? ((await tx.query<{ work_order: string }>("select work_order from public.jobs where id = $1", [gone.jobId]))[0]?.work_order ?? "a job") : null;
}

export interface ApproveInput {
  requestId: string;
  optionId: string;
  overrideReason?: string | null;
}

export interface ApproveResult {
  /** applied: the board changed now; already_approved: nothing changed; reranked: the board had moved on, see the new options. */
  outcome: "applied" | "already_approved" | "reranked";
  alreadyApproved: boolean;
  workOrder: string;
  summary: string;
  customerNotices: number;
  technicianNotices: number;
}

async function versionsOf(tx: Queryable, jobId: string): Promise<{ jobVersion: number; assignmentVersion: number | null }> {
  const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [jobId]);
  const [a] = await tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [jobId]);
  return { jobVersion: j.version, assignmentVersion: a?.version ?? null };
}

/**
 * Applies one approved option: the urgent job assigned, the bumped jobs moved (or
 * returned to the queue), the bumped customers and affected technicians told.
 * Exactly once: a second approval finds the request approved and changes nothing.
 */
export async function approveUrgent(tx: Queryable, actor: Actor, input: ApproveInput, now: Date): Promise<ApproveResult> {
  const company = await companyOf(tx, actor.orgId);
  const [r] = await tx.query<{ status: string; job_id: string; work_order: string; allow_sla_override: boolean; approved_option: StoredOption | null; options: { list?: StoredOption[] } }>(
    "select status, job_id, work_order, allow_sla_override, approved_option, options from public.urgent_requests where id = $1 and org_id = $2 for update",
    [input.requestId, actor.orgId],
  );
  if (!r) throw new ActionFailure("not_found", "That urgent request does not exist in your company.");
  if (r.status === "approved") {
    return { outcome: "already_approved", alreadyApproved: true, workOrder: r.work_order, summary: `Urgent ${r.work_order} was already approved; nothing changed.`, customerNotices: 0, technicianNotices: 0 };
  }
  if (r.status !== "open") throw new ActionFailure("conflict", `Urgent ${r.work_order} is ${r.status}.`);
  const [settings] = await tx.query<{ urgent_requires_admin: boolean }>("select urgent_requires_admin from public.companies where id = $1", [actor.orgId]);
  if (settings?.urgent_requires_admin && actor.role !== "admin") {
    throw new ActionFailure("forbidden", "Your company requires an administrator to approve urgent reshuffles.");
  }
  const shown = (r.options?.list ?? []).find((o) => o.id === input.optionId);
  if (!shown) throw new ActionFailure("not_found", "That option is no longer on the list; choose again from the current options.");
  const reason = input.overrideReason?.trim() ?? "";
  if (shown.flags.slaOverride) {
    if (!r.allow_sla_override) throw new ActionFailure("refused", "This option bumps an SLA or contract job; tick “allow SLA override” first.");
    if (reason.length < 5) throw new ActionFailure("validation", "Type why the SLA or contract job may be bumped.", { overrideReason: ["Type the reason for the override (at least 5 characters)."] });
  }

  // Lock every visit on the lanes this option touches, then rank again: applying is
  // safe only if the board still offers exactly this option.
  const lanes = [
    ...new Set([shown.technicianId, ...shown.bumped.flatMap((b) => [b.old.leaderId, ...(b.next ? [b.next.leaderId] : [])]), ...(shown.replan?.technicianIds ?? [])]),
  ];
  await tx.query(
    `select a.id from public.assignments a
      where a.org_id = $1 and a.active and (a.leader_id = any($2::uuid[])
        or exists (select 1 from public.assignment_helpers h where h.assignment_id = a.id and h.technician_id = any($2::uuid[])))
      for update`,
    [actor.orgId, lanes],
  );
  const urgentJob = await loadJob(tx, r.job_id);
  if (shown.kind === "replan" && shown.replan) {
    // the re-planned day holds only while every visit on its lanes is as it was planned
    const changed = await replanChangedSince(tx, actor.orgId, company, shown.replan, now);
    if (changed !== null) {
      await saveRanking(tx, actor, input.requestId, r.work_order, await rank(tx, actor.orgId, company, urgentJob, r.allow_sla_override, now));
      return {
        outcome: "reranked",
        alreadyApproved: false,
        workOrder: r.work_order,
        summary: `The board changed since the day was re-planned (${changed} changed). The options have been ranked again and the day is being re-planned: review them and approve again.`,
        customerNotices: 0,
        technicianNotices: 0,
      };
    }
  } else {
    const fresh = await rank(tx, actor.orgId, company, urgentJob, r.allow_sla_override, now);
    const same = fresh.options.find((o) => o.id === shown.id);
    if (!same || signature(same) !== signature(shown)) {
      // keep the new ranking (this transaction commits), apply nothing
      await saveRanking(tx, actor, input.requestId, r.work_order, fresh);
      return {
        outcome: "reranked",
        alreadyApproved: false,
        workOrder: r.work_order,
        summary: "The board changed since these options were ranked. They have been ranked again: review them and approve again.",
        customerNotices: 0,
        technicianNotices: 0,
      };
    }
  }

  const bumpedWords = shown.bumped.map((b) => `${b.workOrder} ${b.next ? `→ ${b.reason}` : "→ back to the queue"}`).join("; ");
  const changes =
    shown.kind === "replan"
      ? `, re-planning the day (${shown.replan?.summary ?? `${shown.bumped.length} jobs move`})${shown.bumped.length ? `: ${shown.bumped.map((b) => `${b.workOrder} ${b.reason}`).join("; ")}` : ""}`
      : shown.bumped.length
        ? `, bumping ${bumpedWords}`
        : " (no bump)";
  const summary = `${actor.name} approved option ${shown.rank} for urgent ${r.work_order}: ${shown.technicianName} at ${shown.urgentStart}${changes}${reason ? ` — override: ${reason}` : ""}`;
  let customerNotices = 0;
  const touchedJobs: string[] = [];
  for (const b of shown.bumped) {
    const job = await loadJob(tx, b.jobId);
    const v = await versionsOf(tx, b.jobId);
    if (b.next) {
      await placeJob(tx, actor, { jobId: b.jobId, ...v, leaderId: b.next.leaderId, helperIds: [], start: b.next.start, end: b.next.end, notifyCustomer: false }, now);
      // a re-plan publishes what was published; a bumped job's customer is told, so it is published
      if (shown.kind !== "replan" || job.status === "published") touchedJobs.push(b.jobId);
    } else {
      await unassignJob(tx, actor, { jobId: b.jobId, jobVersion: v.jobVersion, assignmentVersion: v.assignmentVersion!, notifyCustomer: false }, now);
    }
    // a re-planned visit that keeps its promised window gives its customer no new time to hear about
    const keepsWindow = b.next !== null && b.newWindow !== null && b.newWindow.start === b.oldWindow.start && b.newWindow.end === b.oldWindow.end;
    if (shown.kind === "replan" && keepsWindow) continue;
    const told = await queueCustomerRescheduleNotice(tx, {
      orgId: actor.orgId,
      createdBy: actor.userId,
      changeId: `urgent:${input.requestId}:${b.jobId}`,
      job,
      companyName: company.name,
      timeZone: company.timeZone,
      previous: b.old,
      next: b.next,
      reason: "an emergency call",
    });
    if (told) customerNotices++;
  }
  const uv = await versionsOf(tx, urgentJob.id);
  await placeJob(tx, actor, { jobId: urgentJob.id, ...uv, leaderId: shown.technicianId, helperIds: [], start: shown.urgentStart, end: shown.urgentEnd, notifyCustomer: false }, now);
  touchedJobs.push(urgentJob.id);

  // the urgent customer hears when to expect the technician
  const arrival = composeArrivalWindow({
    companyName: company.name,
    timeZone: company.timeZone,
    customerName: urgentJob.customerName,
    workOrder: urgentJob.workOrder,
    address: siteOf(urgentJob),
    description: urgentJob.description,
    technicianName: shown.technicianName,
    window: promisedWindow(shown.urgentStart),
    change: "new",
  });
  if (await queueCustomerNotice(tx, { orgId: actor.orgId, createdBy: actor.userId, job: urgentJob, notice: arrival, kind: "arrival_window", prefer: "sms", dedupeKey: `urgent:${input.requestId}:customer` })) {
    customerNotices++;
  }

  // what people were told is now the published state of every visit that moved
  await tx.query(
    `update public.assignments set published_at = $2,
        published_snapshot = jsonb_build_object('leaderId', leader_id, 'start', starts_at, 'end', ends_at,
          'helperIds', coalesce((select jsonb_agg(h.technician_id order by h.technician_id) from public.assignment_helpers h where h.assignment_id = assignments.id), '[]'::jsonb))
      where job_id = any($1::uuid[]) and active`,
    [touchedJobs, now.toISOString()],
  );
  await tx.query("update public.jobs set status = 'published', dispatch_state = 'manual', dispatch_reason = $2 where id = any($1::uuid[]) and status = 'scheduled'", [
    touchedJobs,
    `urgent reshuffle approved by ${actor.name}`,
  ]);

  // each affected technician gets their updated day, for every day the option touches
  const byDate = new Map<string, Set<string>>();
  const add = (iso: string, tech: string) => {
    const date = wallClock(new Date(iso), company.timeZone).date;
    if (!byDate.has(date)) byDate.set(date, new Set());
    byDate.get(date)!.add(tech);
  };
  add(shown.urgentStart, shown.technicianId);
  for (const b of shown.bumped) {
    add(b.old.start, b.old.leaderId);
    if (b.next) add(b.next.start, b.next.leaderId);
  }
  let technicianNotices = 0;
  for (const [date, techs] of byDate) {
    const day = await loadBoardDay(tx, actor.orgId, date);
    if (!day) continue;
    const told = await queueTechnicianDays(tx, actor, day, [...techs], `urgent:${input.requestId}:${date}`, () => true);
    technicianNotices += told.sent;
  }

  await tx.query("select set_config('app.audit_context', $1, true)", [JSON.stringify({ summary, kind: "urgent_approve", override_reason: reason || undefined })]);
  await tx.query(
    `update public.urgent_requests set status = 'approved', approved_option = $2::jsonb, approved_by = $3, approved_at = now(), override_reason = $4
      where id = $1`,
    [input.requestId, JSON.stringify(shown), actor.userId, reason || null],
  );
  return { outcome: "applied", alreadyApproved: false, workOrder: r.work_order, summary, customerNotices, technicianNotices };
}
