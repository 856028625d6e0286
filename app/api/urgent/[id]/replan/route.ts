import { getSession, hasRole } from "@/lib/auth/session";
import { ActionFailure } from "@/lib/actions/result";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db/connection";
import { loadReplanInput, saveReplanOption } from "@/lib/db/urgent-replan";
import { withUser } from "@/lib/db/with-user";
import { planUrgentReplan } from "@/lib/optimise/urgent-replan";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** How long the optimiser may think about an urgent day (the bump options are already on screen). */
const REPLAN_LIMIT_MS = 4000;

const json = (status: number, body: { ok: boolean; kept?: boolean; message?: string }) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });

/**
 * POST /api/urgent/:id/replan: re-plans today with the urgent job forced in (the
 * route optimiser, in worker threads, outside any transaction) and adds the
 * result to the request's options, ranked by harm with the bump options. The
 * page calls it after showing the ranked options, so the re-plan arrives later.
 * Nothing on the board changes: approving is the same gate as for any option.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return json(403, { ok: false, message: "Re-planning is started from Crewboard's own pages only." });
  const session = await getSession();
  if (!session) return json(401, { ok: false, message: "Your session has ended. Sign in again." });
  if (!hasRole(session, ["admin", "dispatcher"])) return json(403, { ok: false, message: `Your role (${session.user.role}) cannot re-plan the day.` });
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return json(404, { ok: false, message: "That urgent request does not exist in your company." });
  const db = await getDb();
  const at = now();
  try {
    const input = await withUser(db, session.user, (tx) => loadReplanInput(tx, session.user.orgId, id, at));
    if (!input) return json(200, { ok: true, kept: false, message: "This request is no longer open." });
    const abort = new AbortController();
    request.signal.addEventListener("abort", () => abort.abort());
    const replan = await planUrgentReplan(input.day, input.job, { now: at, timeLimitMs: REPLAN_LIMIT_MS, allowSlaOverride: input.allowSlaOverride, signal: abort.signal });
    const saved = await withUser(db, session.user, (tx) => saveReplanOption(tx, session.user, input, replan));
    return json(200, { ok: true, kept: saved.kept, message: replan.option ? undefined : replan.reason });
  } catch (err) {
    if (err instanceof ActionFailure) return json(err.code === "not_found" ? 404 : 409, { ok: false, message: err.message });
    // the page went away (closed, or the dispatcher moved on): nobody waits for the answer
    if (request.signal.aborted) return json(499, { ok: false, message: "The re-plan was stopped because its page was closed." });
    console.error("urgent re-plan failed", err);
    return json(500, { ok: false, message: "Re-planning the day failed unexpectedly; the ranked options still stand." });
  }
}
