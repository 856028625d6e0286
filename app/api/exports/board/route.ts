import { getSession } from "@/lib/auth/session";
import { csvResponse, textResponse } from "@/lib/csv/csv-response";
import { serializeBoard } from "@/lib/csv/board-csv";
import { getDb } from "@/lib/db/connection";
import { loadBoardExport } from "@/lib/db/exports";
import { withUser } from "@/lib/db/with-user";
import { wallClock } from "@/lib/time/zoned-time";
import { DateParam } from "@/lib/schemas/board";
import { now } from "@/lib/clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/exports/board?date=YYYY-MM-DD — the revised board of a day as CSV
 * (default: today in the company's zone). The proxy does not guard /api, so the
 * session is checked here; row-level security scopes what is read.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return textResponse(401, "Sign in to export the board.");
  const raw = new URL(request.url).searchParams.get("date") ?? wallClock(now(), session.company.timeZone).date;
  const date = DateParam.safeParse(raw);
  if (!date.success) return textResponse(400, date.error.issues[0].message);
  const data = await withUser(await getDb(), session.user, (tx) => loadBoardExport(tx, session.user.orgId, date.data));
  if (!data) return textResponse(404, "Your company could not be loaded.");
  return csvResponse(serializeBoard(data.rows, data.timeZone), `crewboard-board-${date.data}.csv`);
}
