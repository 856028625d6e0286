import { getCurrentSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { isSessionLive } from "@/lib/db/sessions";
import { boardEvents, streamHeartbeatMs, toChangeMessage } from "@/lib/realtime/board-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-sent events: `event: change` for every change to the signed-in person's
 * company board. The proxy does not guard /api, so the session is checked here, and
 * again at every heartbeat: a stream whose session was ended (sign-out, "sign out
 * everywhere", a role change or removal) says `event: signed-out` and closes.
 */

export async function GET(request: Request): Promise<Response> {
  const current = await getCurrentSession();
  if (!current) {
    return new Response("Sign in to follow the board.", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const orgId = current.context.user.orgId;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let heartbeat: ReturnType<typeof setInterval> | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      cleanup = () => {
        if (closed) return;
        closed = true;
        if (heartbeat) clearInterval(heartbeat);
        unsubscribe?.();
        request.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", cleanup);

      // reconnect after 3 s if the connection drops; the comment flushes the headers
      send("retry: 3000\n: connected\n\n");
      try {
        const stop = await boardEvents().subscribe(orgId, (e) => send(`event: change\ndata: ${JSON.stringify(toChangeMessage(e))}\n\n`));
        // the client may have left while we were subscribing
        if (closed) stop();
        else unsubscribe = stop;
      } catch (err) {
        console.error("board events: cannot listen", err);
        cleanup();
        return;
      }
      const beat = async () => {
        let live = true;
        try {
          live = await isSessionLive(await getDb(), current.tokenHash);
        } catch (err) {
          // a database hiccup is not a sign-out; the next heartbeat asks again
          console.error("board events: cannot check the session", err);
        }
        if (!live) {
          send("event: signed-out\ndata: {}\n\n");
          cleanup();
        } else {
          send(": heartbeat\n\n");
        }
      };
      if (!closed) heartbeat = setInterval(() => void beat(), streamHeartbeatMs());
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx and friends must not buffer the stream
      "x-accel-buffering": "no",
    },
  });
}
