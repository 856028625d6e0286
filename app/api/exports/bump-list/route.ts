import { getSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { getUrgentRequest } from "@/lib/db/urgent";
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
  const result = await withUser(await getDb(), session.user, async (tx) => {
    const urgent = await getUrgentRequest(tx, session.user.orgId, id);
    if (!urgent) return null;
    const names = new Map(
      (await tx.query<{ id: string; name: string }>("select id, name from public.technicians where org_id = $1", [session.user.orgId])).map((t) => [t.id, t.name]),
    );
    return { urgent, names };
  });
  if (!result) return new Response("No such urgent request in your company.", { status: 404 });
  const { urgent, names } = result;
  const option = urgent.approvedOption ?? urgent.options[0] ?? null;
  const rows = (option?.bumped ?? []).map((b) => ({
    workOrder: b.workOrder,
    customerName: b.customerName,
    oldWindow: b.oldWindow,
    newWindow: b.newWindow,
    technicianBefore: names.get(b.old.leaderId) ?? "",
    technicianAfter: b.next ? (names.get(b.next.leaderId) ?? "") : "",
    addedTravelMin: option!.travelByTechnician.find((t) => b.next && t.technicianId === b.next.leaderId)?.addedMin ?? 0,
    reason: b.reason,
  }));
  const csv = serializeBumpList(rows, session.company.timeZone);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="crewboard-bump-list-${urgent.workOrder.replace(/[^\w-]+/g, "_")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
