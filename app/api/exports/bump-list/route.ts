import { getSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { loadBumpListExport } from "@/lib/db/exports";
import { withUser } from "@/lib/db/with-user";
import { serializeBumpList } from "@/lib/csv/bump-list-csv";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The approved (or best-ranked) bump list of an urgent request as CSV. */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return new Response("Sign in first.", { status: 401 });
  const id = new URL(request.url).searchParams.get("request") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) return new Response("Give ?request=<urgent request id>.", { status: 400 });
  const list = await withUser(await getDb(), session.user, (tx) => loadBumpListExport(tx, session.user.orgId, id));
  if (!list) return new Response("No such urgent request in your company.", { status: 404 });
  const csv = serializeBumpList(list.rows, list.timeZone);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="crewboard-bump-list-${list.workOrder.replace(/[^\w-]+/g, "_")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
