/**
 * Lights-out dispatch: a new job assigns itself by the company's rules —
 * the template's pre-assigned workers, else the best-scoring technician under the
 * capacity threshold (or a broadcast offer to every qualified one), else the manual
 * review queue — and every decision keeps its reasons on the job.
 */
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, loadCompanySettings, type BoardDay, type CompanySettings } from "@/lib/db/board";
import { dispatchAfterHours } from "@/lib/db/after-hours";
import { placeJob, type AutomaticPlacement } from "@/lib/db/board-changes";
import { notifyOffered } from "@/lib/db/offers";
import { customerTerms, decideNewJobTerms } from "@/lib/db/job-terms";
import { listServiceRules } from "@/lib/db/service-rules";
import { getTemplate, type JobTemplate } from "@/lib/db/templates";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { dayRange, wallClock, zonedToUtc } from "@/lib/time/zoned-time";
import { addDays, formatDate } from "@/lib/time/calendar-date";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { prepareBoard } from "@/lib/engine/board-index";
import { scoreCandidate, scoreTechnicians, type Candidate, type ScoringWeights } from "@/lib/engine/scoring";
import { JOB_COLUMNS, JOB_SELECT, mapJob, type BoardJob } from "@/lib/db/board";
import { openRescheduleRequests, requestedWindowOf, type RescheduleRequest } from "@/lib/db/portal-answers";
import { formatClock, formatClockRange, formatHm } from "@/lib/time/format-time";

export interface NewJobInput {
  workOrder?: string | null;
  templateId?: string | null;
  customerId: string;
  /** The customer's site of the visit (its address and point); default: the customer's own. */
  siteId?: string | null;
  description?: string | null;
  priority?: 1 | 2 | 3 | 4 | null;
  requiredSkills?: string[] | null;
  estimatedMinutes?: number | null;
  address?: string | null;
  city?: string | null;
  lat?: number | null;
  lng?: number | null;
  windowStart?: string | null;
  windowEnd?: string | null;
  deadline?: string | null;
  slaProtected?: boolean;
  notes?: string | null;
  source?: "dispatcher" | "portal" | "api";
  /** The day to dispatch into (YYYY-MM-DD); default: the window's day, else today. */
  date?: string | null;
  /** The coordinates are a postal-code centre, not the street address. */
  locationApproximate?: boolean;
  /** When the day has no room, how many following days automatic dispatch may try. */
  laterDays?: number;
  /** The person creating the job may keep it out of automatic dispatch. */
  autoDispatch?: boolean;
}

/** A candidate as kept on the job and shown to the dispatcher. */
export interface CandidateView {
  technicianId: string;
  technicianName: string;
  eligible: boolean;
  start: string | null;
  end: string | null;
  score: number;
  addedTravel: number | null;
  utilisation: number | null;
  reasons: { factor: string; value: number; why: string }[];
}

export interface DispatchDecision {
  state: "auto_assigned" | "preassigned" | "review" | "offered" | "manual";
  reason: string;
  technicianId: string | null;
  candidates: CandidateView[];
}

export interface CreatedJob {
  job: BoardJob;
  decision: DispatchDecision;
}

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export function candidateView(c: Candidate): CandidateView {
  return {
    technicianId: c.technicianId,
    technicianName: c.technicianName,
    eligible: c.eligible,
    start: c.slot ? toIso(c.slot.start) : null,
    end: c.slot ? toIso(c.slot.end) : null,
    score: c.score,
    addedTravel: c.addedTravel,
    utilisation: c.utilisation,
    reasons: c.parts.map((p) => ({ factor: p.factor, value: p.value, why: p.why })),
  };
}

/**
 * The company's next free work-order number, WO-<n>, from its own sequence
 * (`private.take_work_order_number`). A number someone already typed or imported
 * (WO-1005 by hand) is skipped: the sequence jumps past the highest number in this
 * format. Other formats (PO-20261122000123) are someone else's numbering and never
 * move it. Taking a number holds no lock until the job's transaction ends, so new
 * jobs of a company never wait for each other's dispatch; a number taken by a job
 * that is then refused is not reused (numbers may have gaps, never duplicates).
 */
export async function nextWorkOrder(tx: Queryable, orgId: string): Promise<string> {
  const [row] = await tx.query<{ n: string }>("select private.take_work_order_number($1) as n", [orgId]);
  return row.n;
}

/** The company's day (its time zone) in which to look for room. */
function dispatchDate(input: NewJobInput, company: CompanySettings, now: Date): string {
  if (input.date) return input.date;
  if (input.windowStart) return wallClock(new Date(input.windowStart), company.timeZone).date;
  return wallClock(now, company.timeZone).date;
}

interface Scoring {
  day: BoardDay;
  candidates: (helperIds?: string[], onlyTechnicianId?: string) => Candidate[];
}

function scorer(day: BoardDay, job: BoardJob, company: CompanySettings, now: Date, weights: Partial<ScoringWeights>): Scoring {
  const board = toEngineBoard(day);
  const index = prepareBoard(board);
  const travel = travelFor(day, board);
  const range = dayRange(day.date, company.timeZone);
  const options = {
    earliestStart: Math.max(toMinute(range.start.toISOString()), Math.ceil(now.getTime() / 60000)),
    slotMinutes: company.snapMinutes,
    day: { start: toMinute(range.start.toISOString()), end: toMinute(range.end.toISOString()) },
    capacityThreshold: company.capacityThreshold,
    weights,
    timeZone: company.timeZone,
  };
  const engineJob = toEngineJob(job);
  return {
    day,
    candidates: (helperIds, onlyTechnicianId) => {
      if (onlyTechnicianId) {
        const t = index.technicianById.get(onlyTechnicianId);
        return t ? [scoreCandidate(index, engineJob, t, travel, { ...options, helperIds })] : [];
      }
      return scoreTechnicians(index, engineJob, travel, { ...options, helperIds });
    },
  };
}

function whyNoOne(candidates: Candidate[], company: CompanySettings): string {
  const threshold = Math.round(company.capacityThreshold * 100);
  if (candidates.length === 0) return "no active technicians";
  const qualifiedButFull = candidates.some((c) => c.slot !== null && !c.eligible);
  if (qualifiedButFull) return `no qualified technician below ${threshold}% today`;
  // the example names why a technician with every skill could not take it, when there is one
  const qualified = candidates.filter((c) => !c.parts.some((p) => p.factor === "skill" && p.value <= 0));
  const first = (qualified[0] ?? candidates[0])?.parts.find((p) => p.value <= 0)?.why;
  return first ? `no qualified technician with room today (e.g. ${first})` : "no qualified technician with room today";
}

/**
 * Creates a job and dispatches it. Runs in the creator's withUser transaction:
 * the job, its assignment (or offers) and its reasons commit together.
 */
export async function createJob(tx: Queryable, actor: Actor, input: NewJobInput, now: Date): Promise<CreatedJob> {
  const company = await loadCompanySettings(tx, actor.orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const template: JobTemplate | null = input.templateId ? await getTemplate(tx, actor.orgId, input.templateId) : null;
  if (input.templateId && !template) throw new ActionFailure("not_found", "That template does not exist in your company.", { templateId: ["Choose a template of your company."] });
  // the customer's place and contract terms in one read, beside the company's service rules
  const [[customer], rules] = await Promise.all([
    tx.query<NewJobCustomer>(
      `select id, lat, lng, address, city, name, email, contract, sla_priority, response_minutes,
              to_char(contract_ends_on, 'YYYY-MM-DD') as contract_ends_on
         from public.customers where id = $1 and org_id = $2`,
      [input.customerId, actor.orgId],
    ),
    listServiceRules(tx, actor.orgId),
  ]);
  if (!customer) throw new ActionFailure("not_found", "That customer does not exist in your company.", { customerId: ["Choose a customer of your company."] });
  const site = input.siteId ? await siteOfCustomer(tx, actor.orgId, customer.id, input.siteId) : null;
  const lat = input.lat ?? site?.lat ?? customer.lat;
  const lng = input.lng ?? site?.lng ?? customer.lng;
  if (lat == null || lng == null) {
    throw new ActionFailure("validation", "The job needs a location: the customer has no coordinates.", { lat: ["Enter the site's coordinates."] });
  }
  const description = input.description?.trim() || template?.name || "";
  const requiredSkills = input.requiredSkills ?? template?.requiredSkills ?? [];
  const notes = input.notes ?? template?.notes ?? null;
  // the company's rules and the customer's contract terms fill what the person left open
  const terms = decideNewJobTerms(
    { description, notes, requiredSkills, priority: input.priority ?? template?.priority ?? null, slaProtected: input.slaProtected ?? null, deadline: input.deadline ?? null },
    customerTerms(customer, wallClock(now, company.timeZone).date),
    rules,
    now,
  );
  // a number typed in may be taken; one from the company's sequence was free when taken
  const typed = input.workOrder?.trim() || null;
  const workOrder = typed ?? (await nextWorkOrder(tx, actor.orgId));
  if (typed) {
    const exists = await tx.query("select 1 from public.jobs where org_id = $1 and work_order = $2", [actor.orgId, workOrder]);
    if (exists.length > 0) throw new ActionFailure("conflict", `Work order ${workOrder} already exists.`, { workOrder: ["This work order is taken."] });
  }

  // the new job comes back as the board reads it: no second read of what was just written
  const [row] = await tx.query<Record<string, unknown>>(
    `with j as (
       insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes,
          address, city, lat, lng, window_start, window_end, deadline, sla_protected, notes, template_id, source, created_by,
          site_id, location_approximate, deadline_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) returning *)
     select ${JOB_COLUMNS} from j join public.customers c on c.id = j.customer_id`,
    [
      actor.orgId,
      workOrder,
      customer.id,
      description,
      terms.priority,
      requiredSkills,
      input.estimatedMinutes ?? template?.defaultMinutes ?? 60,
      input.address ?? site?.address ?? customer.address,
      input.city ?? (site ? site.city : customer.city),
      lat,
      lng,
      input.windowStart ?? null,
      input.windowEnd ?? null,
      terms.deadline,
      terms.slaProtected,
      notes,
      template?.id ?? null,
      input.source ?? "dispatcher",
      actor.userId,
      site?.id ?? null,
      input.locationApproximate ?? (input.lat == null && site ? site.approximate : false),
      terms.deadlineReason,
    ],
  );
  const job = mapJob(row);
  const dispatched = await dispatch(tx, actor, job, company, template, dispatchDate(input, company, now), now, input.autoDispatch ?? true, input.laterDays ?? 0);
  return { job: dispatched.job ?? (await loadJob(tx, job.id)), decision: dispatched.decision };
}

/** A customer as a new job reads it: its place, and the terms its service rules weigh. */
interface NewJobCustomer {
  id: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  city: string | null;
  name: string;
  email: string | null;
  contract: boolean;
  sla_priority: number | null;
  response_minutes: number | null;
  contract_ends_on: string | null;
}

/** A site of the customer, or a refusal naming the field. */
async function siteOfCustomer(tx: Queryable, orgId: string, customerId: string, siteId: string) {
  const [site] = await tx.query<{ id: string; address: string; city: string | null; lat: number; lng: number; approximate: boolean }>(
    "select id, address, city, lat, lng, approximate from public.customer_sites where org_id = $1 and customer_id = $2 and id = $3 and active",
    [orgId, customerId, siteId],
  );
  if (!site) throw new ActionFailure("not_found", "That site is not one of the customer's active sites.", { siteId: ["Choose one of the customer's sites."] });
  return { ...site, lat: Number(site.lat), lng: Number(site.lng) };
}

async function loadJob(tx: Queryable, jobId: string): Promise<BoardJob> {
  const [r] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [jobId]);
  return mapJob(r);
}

/** What a decision keeps on the job besides its state and reason. */
const detailOf = (d: DispatchDecision) => ({ candidates: d.candidates.slice(0, 5), technicianId: d.technicianId });

/** A decision and the job as it stands after it (null: the job could not be read back). */
interface Dispatched {
  decision: DispatchDecision;
  job: BoardJob | null;
}

/** Keeps the decision on the job and returns the job as written. */
async function record(tx: Queryable, jobId: string, d: DispatchDecision): Promise<Dispatched> {
  const [row] = await tx.query<Record<string, unknown>>(
    `with j as (
       update public.jobs set dispatch_state = $2, dispatch_reason = $3, dispatch_detail = $4::jsonb where id = $1 returning *)
     select ${JOB_COLUMNS} from j join public.customers c on c.id = j.customer_id`,
    [jobId, d.state, d.reason, JSON.stringify(detailOf(d))],
  );
  return { decision: d, job: row ? mapJob(row) : null };
}

/**
 * Books the candidate's slot through the checked placement path; null when booked,
 * else why not. The slot was free on the board dispatch scored, but another booking
 * may have taken it since: automatic dispatch never books anyone twice. The decision
 * `booked` (with its reasons) is written with the placement, in the job's one update,
 * and the assignment is marked automatic as it is written; the job comes back as written.
 */
async function assign(
  tx: Queryable,
  actor: Actor,
  job: BoardJob,
  c: Candidate,
  helperIds: string[],
  now: Date,
  booked: DispatchDecision,
): Promise<{ taken: string } | { taken: null; job: BoardJob }> {
  const automatic: AutomaticPlacement = { state: booked.state, reason: booked.reason, detail: detailOf(booked) };
  try {
    const placed = await placeJob(
      tx,
      actor,
      {
        jobId: job.id,
        jobVersion: job.version,
        assignmentVersion: null,
        leaderId: c.technicianId,
        helperIds,
        start: toIso(c.slot!.start),
        end: toIso(c.slot!.end),
        notifyCustomer: false,
      },
      now,
      { refuseWarnings: ["double_booked"], automatic },
    );
    return { taken: null, job: placed.job };
  } catch (err) {
    if (err instanceof ActionFailure && err.code === "refused") return { taken: `the slot was taken meanwhile (${err.message})` };
    throw err;
  }
}

function summary(c: Candidate, timeZone: string): string {
  const time = c.slot ? formatClock(c.slot.start, timeZone) : "";
  const reasons = c.parts.filter((p) => p.value !== 0 || p.factor === "skill").map((p) => p.why);
  return `${c.technicianName} at ${time}: ${reasons.join("; ")}`;
}

/**
 * How a day's attempt ended: booked or offered, or no room that day (nothing written).
 * `recorded`: a booking's decision was already written with its placement (`job`: as written).
 */
type DayOutcome = { placed: true; decision: DispatchDecision; recorded?: BoardJob } | { placed: false; decision: DispatchDecision };

/**
 * Decides what happens to an unscheduled job: pre-assigned workers, broadcast,
 * best score, or the review queue. Also used by the portal and the API.
 * With `laterDays`, a job that finds no room on `date` tries each following day in
 * turn (its arrival window keeps its time of day) before it goes to review.
 */
export async function dispatchJob(
  tx: Queryable,
  actor: Actor,
  jobId: string,
  company: CompanySettings,
  template: JobTemplate | null,
  date: string,
  now: Date,
  allowed = true,
  laterDays = 0,
): Promise<DispatchDecision> {
  return (await dispatch(tx, actor, jobId, company, template, date, now, allowed, laterDays)).decision;
}

/** dispatchJob for a job given by id or as just read; also returns the job as it stands after. */
async function dispatch(
  tx: Queryable,
  actor: Actor,
  jobOrId: string | BoardJob,
  company: CompanySettings,
  template: JobTemplate | null,
  date: string,
  now: Date,
  allowed: boolean,
  laterDays: number,
): Promise<Dispatched> {
  const jobId = typeof jobOrId === "string" ? jobOrId : jobOrId.id;
  const mode = template?.dispatchMode ?? "auto";
  if (!allowed || !company.autoDispatchEnabled || (template && !template.autoDispatchEnabled) || mode === "manual") {
    const why = !allowed
      ? "kept for a dispatcher by its creator"
      : !company.autoDispatchEnabled
        ? "automatic dispatch is off for the company"
        : mode === "manual"
          ? `template ${template!.name} is dispatched by hand`
          : `automatic dispatch is off for template ${template!.name}`;
    return record(tx, jobId, { state: "manual", reason: why, technicianId: null, candidates: [] });
  }
  const job = typeof jobOrId === "string" ? await loadJob(tx, jobId) : jobOrId;
  // urgent work for today that comes in while nobody is on shift goes to whoever is on call
  if (date === wallClock(now, company.timeZone).date) {
    const onCall = await dispatchAfterHours(tx, actor, job, company, now);
    if (onCall) return record(tx, jobId, { state: "auto_assigned", reason: onCall.reason, technicianId: onCall.technicianId, candidates: [] });
  }
  let firstNoRoom: DispatchDecision | null = null;
  for (let offset = 0; offset <= laterDays; offset++) {
    const day = addDays(date, offset);
    const moved = offset === 0 ? job : { ...job, windowStart: laterBy(job.windowStart, offset, company.timeZone), windowEnd: laterBy(job.windowEnd, offset, company.timeZone) };
    // the job's window moves to the day only once that day is chosen
    const write = async (): Promise<BoardJob> => {
      if (offset === 0 || (moved.windowStart === job.windowStart && moved.windowEnd === job.windowEnd)) return job;
      await tx.query("update public.jobs set window_start = $2, window_end = $3 where id = $1", [jobId, moved.windowStart, moved.windowEnd]);
      return loadJob(tx, jobId);
    };
    // the decision as kept on the job: on a later day, it says why not the first
    const final = (d: DispatchDecision): DispatchDecision =>
      offset === 0 ? d : { ...d, reason: `no room on ${dayName(date)}; first day with room ${dayName(day)}: ${d.reason}` };
    const outcome = await decideOnDay(tx, actor, moved, company, template, mode, day, now, write, final);
    if (outcome.placed) {
      if (outcome.recorded) return { decision: outcome.decision, job: outcome.recorded };
      return record(tx, jobId, final(outcome.decision));
    }
    firstNoRoom ??= outcome.decision;
  }
  const decision = firstNoRoom!;
  const later = laterDays === 0 ? "" : laterDays === 1 ? " (nor the day after)" : ` (nor in the ${laterDays} days after)`;
  return record(tx, jobId, { ...decision, reason: decision.reason + later });
}

const dayName = (date: string): string => formatDate(date, "EEE MMM d");

/** The same wall-clock time `days` later in the company's zone. */
function laterBy(iso: string | null, days: number, timeZone: string): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  return zonedToUtc(addDays(wallClock(at, timeZone).date, days), formatHm(at, timeZone), timeZone).toISOString();
}

/** One day's attempt. Nothing is written unless the job is booked or offered that day. */
async function decideOnDay(
  tx: Queryable,
  actor: Actor,
  proposed: BoardJob,
  company: CompanySettings,
  template: JobTemplate | null,
  mode: JobTemplate["dispatchMode"],
  date: string,
  now: Date,
  write: () => Promise<BoardJob>,
  final: (d: DispatchDecision) => DispatchDecision,
): Promise<DayOutcome> {
  const day = await loadBoardDay(tx, actor.orgId, date, { company, queue: false });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  day.jobs[proposed.id] = proposed;
  const s = scorer(day, proposed, company, now, company.scoringWeights);

  if (mode === "preassigned" && template) {
    const leaders = template.workers.filter((w) => w.role === "leader").map((w) => w.technicianId);
    const helpers = template.workers.filter((w) => w.role === "helper").map((w) => w.technicianId);
    const tried: Candidate[] = [];
    for (const leaderId of leaders) {
      const [c] = s.candidates(helpers.filter((h) => h !== leaderId), leaderId);
      if (!c) continue;
      tried.push(c);
      if (c.eligible && c.slot) {
        const booked = final({
          state: "preassigned",
          reason: `pre-assigned on template ${template.name}: ${summary(c, company.timeZone)}`,
          technicianId: c.technicianId,
          candidates: tried.map(candidateView),
        });
        const done = await assign(tx, actor, await write(), c, helpers.filter((h) => h !== leaderId), now, booked);
        if (done.taken !== null) {
          return placed({
            state: "review",
            reason: `template ${template.name}: ${summary(c, company.timeZone)}, but ${done.taken}`,
            technicianId: null,
            candidates: tried.map(candidateView),
          });
        }
        return recorded(booked, done.job);
      }
    }
    return noRoom({
      state: "review",
      reason:
        leaders.length === 0
          ? `template ${template.name} has no pre-assigned crew leader`
          : `no pre-assigned worker of template ${template.name} can take it today: ${tried.map((c) => `${c.technicianName}: ${c.parts.filter((p) => p.value <= 0).map((p) => p.why).join(", ")}`).join("; ")}`,
      technicianId: null,
      candidates: tried.map(candidateView),
    });
  }

  const candidates = s.candidates();
  const eligible = candidates.filter((c) => c.eligible && c.slot);
  if (eligible.length === 0) {
    return noRoom({ state: "review", reason: whyNoOne(candidates, company), technicianId: null, candidates: candidates.slice(0, 5).map(candidateView) });
  }
  if (mode === "broadcast") {
    const job = await write();
    for (const c of eligible) {
      await tx.query(
        "insert into public.job_offers (org_id, job_id, technician_id, starts_at, ends_at) values ($1, $2, $3, $4, $5)",
        [actor.orgId, job.id, c.technicianId, toIso(c.slot!.start), toIso(c.slot!.end)],
      );
    }
    await notifyOffered(tx, actor.orgId, job, eligible.map((c) => ({ technicianId: c.technicianId, start: toIso(c.slot!.start) })), company, actor.userId);
    return placed({
      state: "offered",
      reason: `offered to ${eligible.length} qualified technician${eligible.length === 1 ? "" : "s"}; the first to accept gets it`,
      technicianId: null,
      candidates: eligible.slice(0, 5).map(candidateView),
    });
  }
  const best = eligible[0];
  const booked = final({
    state: "auto_assigned",
    reason: `best of ${eligible.length} eligible: ${summary(best, company.timeZone)}`,
    technicianId: best.technicianId,
    candidates: candidates.slice(0, 5).map(candidateView),
  });
  const done = await assign(tx, actor, await write(), best, [], now, booked);
  if (done.taken !== null) {
    return placed({
      state: "review",
      reason: `best of ${eligible.length} eligible: ${summary(best, company.timeZone)}, but ${done.taken}`,
      technicianId: null,
      candidates: candidates.slice(0, 5).map(candidateView),
    });
  }
  return recorded(booked, done.job);
}

/** A routine slot on one day: a fixed block of the visit's template (ISO instants). */
export interface RoutineSlot {
  start: string;
  end: string;
  label: string;
}

/**
 * Books a recurring visit straight into one of its day's routine slots through the
 * checked placement path: the best eligible technician with room wholly inside a
 * slot (and inside the visit's own arrival window). With no room in any, the visit
 * waits in the queue for a dispatcher, and the reason says so.
 *
 * @example
 * await dispatchIntoRoutineSlots(tx, actor, jobId, company, "2026-12-08", [{ start, end, label: "Routine maintenance" }], now)
 * // { state: "auto_assigned", reason: "recurring visit in its Routine maintenance slot 09:00–11:00: Ali Haddad …" }
 */
export async function dispatchIntoRoutineSlots(
  tx: Queryable,
  actor: Actor,
  jobId: string,
  company: CompanySettings,
  date: string,
  slots: readonly RoutineSlot[],
  now: Date,
): Promise<DispatchDecision> {
  const job = await loadJob(tx, jobId);
  const day = await loadBoardDay(tx, actor.orgId, date, { company, queue: false });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const tz = company.timeZone;
  const tried: Candidate[] = [];
  for (const slot of slots) {
    const range = formatClockRange({ start: toMinute(slot.start), end: toMinute(slot.end) }, tz);
    // arrive no earlier than the slot and the visit's window; finish inside the slot
    const earliest = Math.max(toMinute(slot.start), job.windowStart ? toMinute(job.windowStart) : -Infinity);
    const latest = Math.min(toMinute(slot.end) - job.estimatedMinutes, job.windowEnd ? toMinute(job.windowEnd) : Infinity);
    if (earliest > latest) continue;
    const inSlot: BoardJob = { ...job, windowStart: toIso(earliest), windowEnd: toIso(latest) };
    day.jobs[job.id] = inSlot;
    const candidates = scorer(day, inSlot, company, now, company.scoringWeights).candidates();
    tried.push(...candidates.slice(0, 3));
    const best = candidates.find((c) => c.eligible && c.slot);
    if (!best) continue;
    const booked: DispatchDecision = {
      state: "auto_assigned",
      reason: `recurring visit in its ${slot.label} slot ${range}: ${summary(best, tz)}`,
      technicianId: best.technicianId,
      candidates: candidates.slice(0, 5).map(candidateView),
    };
    const done = await assign(tx, actor, job, best, [], now, booked);
    if (done.taken !== null) continue;
    return booked;
  }
  const names = slots.map((s) => `${s.label} ${formatClockRange({ start: toMinute(s.start), end: toMinute(s.end) }, tz)}`).join(", ");
  return (await record(tx, jobId, {
    state: "review",
    reason: `no room in its routine slot${slots.length === 1 ? "" : "s"} (${names}) on ${dayName(date)}: waiting in the queue for a dispatcher`,
    technicianId: null,
    candidates: tried.slice(0, 5).map(candidateView),
  })).decision;
}

const placed = (decision: DispatchDecision): DayOutcome => ({ placed: true, decision });
const recorded = (decision: DispatchDecision, job: BoardJob): DayOutcome => ({ placed: true, decision, recorded: job });
const noRoom = (decision: DispatchDecision): DayOutcome => ({ placed: false, decision });

/**
 * The best three places for a job on a day, with their score breakdowns. `window`
 * scores it against another arrival window than its own (the one a customer asked
 * for when they want another time).
 */
export async function suggestSlots(
  tx: Queryable,
  actor: Actor,
  jobId: string,
  date: string,
  now: Date,
  options: { window?: { start: string; end: string } | null } = {},
): Promise<CandidateView[]> {
  const company = await loadCompanySettings(tx, actor.orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const day = await loadBoardDay(tx, actor.orgId, date, { company, queue: false });
  if (!day) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const [exists] = await tx.query("select 1 from public.jobs where id = $1 and org_id = $2", [jobId, actor.orgId]);
  if (!exists) throw new ActionFailure("not_found", "That job does not exist in your company.");
  let job = await loadJob(tx, jobId);
  if (options.window !== undefined) job = { ...job, windowStart: options.window?.start ?? null, windowEnd: options.window?.end ?? null };
  day.jobs[job.id] = job;
  day.assignments = day.assignments.filter((a) => a.jobId !== job.id);
  return scorer(day, job, company, now, company.scoringWeights)
    .candidates()
    .filter((c) => c.eligible && c.slot)
    .slice(0, 3)
    .map(candidateView);
}

export interface ReviewItem {
  job: BoardJob;
  reason: string;
  candidates: CandidateView[];
  createdAt: string;
  /** The visit on the board, when the job is booked (a customer's request for another time). */
  visit: { start: string; end: string; leaderName: string; assignmentVersion: number } | null;
  /** The customer's open request for another time, in their words, with the day they asked for. */
  customerRequest: RescheduleRequest | null;
}

/**
 * Jobs handed to a person, oldest first, with reasons and suggestions: what automatic
 * dispatch could not place, and booked visits whose customer asked for another time
 * (suggested on the day and time of day they asked for).
 */
export async function listReviewQueue(tx: Queryable, actor: Actor, now: Date): Promise<ReviewItem[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select ${JOB_COLUMNS}, j.dispatch_detail, j.created_at as created_at_review,
            a.starts_at as visit_start, a.ends_at as visit_end, a.version as visit_version, t.name as visit_leader
       from public.jobs j join public.customers c on c.id = j.customer_id
       left join public.assignments a on a.job_id = j.id and a.active
       left join public.technicians t on t.id = a.leader_id
      where j.org_id = $1 and j.dispatch_state = 'review' and j.status in ('unscheduled', 'scheduled', 'published')
      order by j.priority, j.created_at`,
    [actor.orgId],
  );
  const requests = await openRescheduleRequests(tx, actor.orgId, rows.map((r) => r.id as string));
  const company = requests.size > 0 ? await loadCompanySettings(tx, actor.orgId) : null;
  const items: ReviewItem[] = [];
  for (const r of rows) {
    const customerRequest = requests.get(r.id as string) ?? null;
    let candidates = ((r.dispatch_detail as { candidates?: CandidateView[] } | null)?.candidates ?? []).slice(0, 3);
    if (customerRequest?.requestedDate && company) {
      const window = customerRequest.requestedWindow === "any" ? null : requestedWindowOf(customerRequest.requestedDate, customerRequest.requestedWindow, company.timeZone);
      candidates = await suggestSlots(tx, actor, r.id as string, customerRequest.requestedDate, now, { window });
    }
    items.push({
      job: mapJob(r),
      reason: (r.dispatch_reason as string | null) ?? "",
      candidates,
      createdAt: new Date(r.created_at_review as string).toISOString(),
      visit: r.visit_start
        ? {
            start: new Date(r.visit_start as string).toISOString(),
            end: new Date(r.visit_end as string).toISOString(),
            leaderName: r.visit_leader as string,
            assignmentVersion: Number(r.visit_version),
          }
        : null,
      customerRequest,
    });
  }
  return items;
}

/** The dispatcher accepts an automatic assignment as it is. */
export async function acceptAutoAssignment(tx: Queryable, actor: Actor, jobId: string): Promise<void> {
  const rows = await tx.query(
    `update public.jobs set dispatch_state = 'accepted', dispatch_reason = coalesce(dispatch_reason, '') || $3
      where id = $1 and org_id = $2 and dispatch_state in ('auto_assigned', 'preassigned') returning id`,
    [jobId, actor.orgId, ` — accepted by ${actor.name}`],
  );
  if (rows.length === 0) throw new ActionFailure("conflict", "That job is no longer waiting for acceptance.");
}
