import { getDb } from "@/lib/db/connection";
import { handleApiRequest } from "@/lib/api/handle";
import { now } from "@/lib/clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The REST API: every operation of lib/api/operations.ts, authenticated by API key. */
async function handle(request: Request): Promise<Response> {
  return handleApiRequest(await getDb(), request, { now: now() });
}

export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
