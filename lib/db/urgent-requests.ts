/**
 * Urgent requests as stored: the intake's input, the ranked options as kept in
 * urgent_requests.options, and reading a request back for its page, its CSV and the API.
 */
import type { Queryable } from "@/lib/db/client";
import { JOB_SELECT, loadCompanySettings, mapJob, type BoardJob, type CompanySettings } from "@/lib/db/board";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { wallClock } from "@/lib/time/zoned-time";
import type { BumpOption } from "@/lib/engine/bump-ranking";
import { replanLeadMessage } from "@/lib/engine/replan-option";
import type { SeenVisit } from "@/lib/optimise/day-proposal";

/** Who enters, ranks and approves an urgent request. */
export type UrgentActor = Pick<SessionUser, "userId" | "name" | "orgId" | "role">;

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

/** A ranking as the engine gave it, options stored. */
export interface Ranked {
  options: StoredOption[];
  message: string;
  deadlineMet: boolean;
}

/** The ranking as stored in urgent_requests.options. */
export interface StoredRanking {
  list?: StoredOption[];
  deadlineMet?: boolean;
  /** Why there is no re-plan option (null: offered, or not planned yet). */
  replanNote?: string | null;
}

/** The request's job as the board shows it. */
export async function loadJob(tx: Queryable, jobId: string): Promise<BoardJob> {
  const [r] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [jobId]);
  return mapJob(r);
}

/** The company's settings; a missing company is "not found". */
function replanLead(option: StoredOption, workOrder: string, timeZone: string): string {
  const lost = option.bumped.filter((b) => b.next === null).length;
  return replanLeadMessage({
    urgentWorkOrder: workOrder,
    technicianName: option.technicianName,
    urgentSlot: { start: toMinute(option.urgentStart), end: toMinute(option.urgentEnd) },
    moved: option.bumped.length - lost,
    leftOut: lost,
    summary: option.replan?.summary ?? "",
    timeZone,
  });
}

export async function companyOf(tx: Queryable, orgId: string): Promise<CompanySettings> {
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
    // the re-plan joins after the ranking's sentence was written: when it ranks first, the lead describes it
    rankingMessage: list[0]?.kind === "replan" ? replanLead(list[0], r.work_order as string, company.timeZone) : ((r.ranking_message as string | null) ?? null),
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
