/**
 * The tracking page's live feed: server-sent events for one tracking token. The
 * stream listens to the company's board changes but passes on nothing of them; a
 * change to the one tracked job makes it read the customer's own view again (as the
 * portal principal, scoped to that request) and send it when it differs. Nothing
 * else about the company ever goes down the stream.
 */
import type { Db } from "@/lib/db/client";
import { findTrackedRequest, loadTracking, type TrackingView } from "@/lib/db/portal";
import { withUser } from "@/lib/db/with-user";
import type { BoardEventHub } from "@/lib/realtime/board-events";

export interface TrackingStreamOptions {
  /** The planning clock: a link stops working when it expires, even mid-stream. */
  now: () => Date;
  /** Ends the stream when the customer leaves. */
  signal: AbortSignal;
  /** How often the stream checks the link is still valid and keeps proxies awake. */
  heartbeatMs: number;
}

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * Opens the stream for `token`: 404 (plain text, the same as for any unknown link)
 * when the link is unknown or expired; otherwise `event: view` with the current view,
 * then another `event: view` whenever what the customer sees changes, and
 * `event: expired` (and the end) when the link stops working.
 *
 * @example
 * const res = await openTrackingStream(db, boardEvents(), token, { now, signal, heartbeatMs: 15_000 });
 */
export async function openTrackingStream(db: Db, hub: BoardEventHub, token: string, options: TrackingStreamOptions): Promise<Response> {
  const tracked = await findTrackedRequest(db, token, options.now());
  if (!tracked) return new Response("This tracking link is no longer valid.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let heartbeat: ReturnType<typeof setInterval> | null = null;
      let lastVersion = "";
      // one read at a time, in order: a burst of changes ends on the latest view
      let reading: Promise<void> = Promise.resolve();
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
        options.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the customer going away
        }
      };
      options.signal.addEventListener("abort", cleanup);

      /** Reads the view again (the link re-checked); sends it if it changed, or says the link expired. */
      const refresh = () => {
        reading = reading.then(async () => {
          if (closed) return;
          let view: TrackingView | null;
          try {
            const still = await findTrackedRequest(db, token, options.now());
            view = still ? await withUser(db, still.company.principal, (tx) => loadTracking(tx, still)) : null;
          } catch (err) {
            // a database hiccup is not the end of the link; the next change or heartbeat reads again
            console.error("tracking stream: cannot read the visit", err);
            return;
          }
          if (!view) {
            send("event: expired\ndata: {}\n\n");
            cleanup();
          } else if (view.version !== lastVersion) {
            lastVersion = view.version;
            send(`event: view\ndata: ${JSON.stringify(view)}\n\n`);
          }
        });
        return reading;
      };

      send("retry: 3000\n: connected\n\n");
      try {
        // listen first, then read: a change between the two is never missed
        const stop = await hub.subscribe(tracked.company.orgId, (e) => {
          if (e.jobId === tracked.jobId) void refresh();
        });
        if (closed) stop();
        else unsubscribe = stop;
      } catch (err) {
        console.error("tracking stream: cannot listen", err);
        cleanup();
        return;
      }
      await refresh();
      if (!closed) {
        heartbeat = setInterval(() => {
          send(": heartbeat\n\n");
          void refresh();
        }, options.heartbeatMs);
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
