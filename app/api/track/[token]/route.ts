import { getDb } from "@/lib/db/connection";
import { changeFromTracking, readTracking } from "@/lib/portal/tracking";
import { hitRateLimit } from "@/lib/db/rate-limits";
import { now } from "@/lib/clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** GET /api/track/<token> — the tracking page's small live answer (polled). */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const view = await readTracking(await getDb(), (await params).token, now());
  return view ? json(200, view) : json(404, { error: "This tracking link is no longer valid." });
}

/** POST /api/track/<token> { action: "cancel" } | { action: "reschedule", message, requestedDate, requestedWindow } */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const db = await getDb();
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const rate = await hitRateLimit(db, `portal-track:${client}`, 20, 600);
  if (!rate.allowed) return json(429, { error: "Too many changes from your connection. Please call us." });
  const raw = await request.text();
  if (raw.length > 4096) return json(413, { error: "That is too long." });
  let body: { action?: unknown; message?: unknown; requestedDate?: unknown; requestedWindow?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return json(400, { error: "Send JSON." });
  }
  const change = body.action === "cancel" ? ({ action: "cancel" } as const) : body.action === "reschedule" ? ({ action: "reschedule", message: body.message, requestedDate: body.requestedDate, requestedWindow: body.requestedWindow } as const) : null;
  if (!change) return json(400, { error: "action is cancel or reschedule." });
  const result = await changeFromTracking(db, token, change, now());
  if (result.ok) return json(200, result.data);
  const status = { not_found: 404, validation: 422, refused: 409 }[result.error.code as string] ?? 409;
  return json(status, { error: result.error.message, fieldErrors: result.error.fieldErrors });
}
