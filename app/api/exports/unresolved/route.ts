import { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { csvResponse, textResponse } from "@/lib/csv/csv-response";
import { UNRESOLVED_LISTS, serializeUnresolved } from "@/lib/csv/unresolved-csv";
import { getDb } from "@/lib/db/connection";
import { loadUnresolvedList } from "@/lib/db/exports";
import { withUser } from "@/lib/db/with-user";
import { wallClock } from "@/lib/time/zoned-time";
import { DateParam } from "@/lib/schemas/board";
import { now } from "@/lib/clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({
  date: DateParam,
  list: z.enum(UNRESOLVED_LISTS, { error: "list must be unresolved, unassigned or overdue." }).default("unresolved"),
});

/**
 * GET /api/exports/unresolved?date=YYYY-MM-DD&list=unresolved|unassigned|overdue —
 * one of the day's lists of what is left, as CSV. Session-checked; RLS-scoped.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return textResponse(401, "Sign in to export.");
  const params = new URL(request.url).searchParams;
  const query = Query.safeParse({
    date: params.get("date") ?? wallClock(now(), session.company.timeZone).date,
    list: params.get("list") ?? undefined,
  });
  if (!query.success) return textResponse(400, query.error.issues[0].message);
  const { date, list } = query.data;
  const data = await withUser(await getDb(), session.user, (tx) => loadUnresolvedList(tx, session.user.orgId, date, list, now()));
  if (!data) return textResponse(404, "Your company could not be loaded.");
  return csvResponse(serializeUnresolved(data.rows, data.timeZone), `crewboard-${list}-${date}.csv`);
}
