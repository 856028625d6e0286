import { loadBoardJobsAction, loadBoardLanesAction, loadDayAction } from "@/app/(app)/schedules/actions";
import { answerAction, fromOwnPages, jsonBody, refuse } from "@/lib/http/json-action";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/board/day?date=YYYY-MM-DD: the whole board of one day, as the signed-in
 * person may see it. With `&offset=N&limit=M`: only M lanes from the N-th (by
 * name) and their visits, for a large board filling in after its first paint.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const date = params.get("date");
  if (params.has("offset") || params.has("limit")) {
    return answerAction(() => loadBoardLanesAction({ date, offset: params.get("offset"), limit: params.get("limit") }));
  }
  return answerAction(() => loadDayAction({ date }));
}

/** POST /api/board/day with `{ date, jobIds }`: just those jobs as they are now (live updates patch with these). */
export async function POST(request: Request): Promise<Response> {
  if (!fromOwnPages(request)) return refuse(403, "forbidden", "Board reads are accepted from Crewboard's own pages only.");
  const body = await jsonBody(request);
  if (!body) return refuse(400, "validation", "Send the date and job ids as a JSON object.");
  return answerAction(() => loadBoardJobsAction(body));
}
