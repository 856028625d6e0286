/**
 * The "re-plan the day" option of an urgent request: what the route optimiser
 * reads, keeping its result beside the bump options, and telling whether the day
 * changed since it was planned.
 */
import type { Queryable } from "@/lib/db/client";
import { loadBoardDay, type BoardDay, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { companyOf, loadJob, storeOption, type StoredOption, type StoredRanking, type StoredReplan, type UrgentActor } from "@/lib/db/urgent-requests";
import { ActionFailure } from "@/lib/actions/result";
import { wallClock } from "@/lib/time/zoned-time";
import type { UrgentReplan } from "@/lib/optimise/urgent-replan";

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
export async function saveReplanOption(tx: Queryable, actor: UrgentActor, input: Pick<ReplanInput, "requestId" | "rankedAt">, replan: UrgentReplan): Promise<{ kept: boolean }> {
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
export async function replanChangedSince(tx: Queryable, orgId: string, company: CompanySettings, replan: StoredReplan, now: Date): Promise<string | null> {
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
