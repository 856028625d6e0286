import { getDb } from "@/lib/db/connection";
import { hitRateLimit } from "@/lib/db/rate-limits";
import { openTrackingStream } from "@/lib/portal/tracking-stream";
import { boardEvents, streamHeartbeatMs } from "@/lib/realtime/board-events";
import { now } from "@/lib/clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

/** How many streams one connection may open in ten minutes (a page reconnects now and then; a scanner hits this). */
const OPENS_PER_ADDRESS = 60;

/**
 * GET /api/track/<token>/events — server-sent events for one tracking link:
 * `event: view` with the customer's view whenever it changes, `event: expired` when
 * the link stops working. The page polls /api/track/<token> only if this fails.
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  const db = await getDb();
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const rate = await hitRateLimit(db, `portal-track-stream:${client}`, OPENS_PER_ADDRESS, 600);
  if (!rate.allowed) {
    return new Response("Too many requests from your connection.", { status: 429, headers: { "retry-after": String(rate.retryAfterSeconds), "content-type": "text/plain; charset=utf-8" } });
  }
  return openTrackingStream(db, boardEvents(), token, { now, signal: request.signal, heartbeatMs: streamHeartbeatMs() });
}
