import { getSession, hasRole } from "@/lib/auth/session";
import { ActionFailure } from "@/lib/actions/result";
import { now } from "@/lib/clock";
import { loadBoardDay } from "@/lib/db/board";
import { getDb } from "@/lib/db/connection";
import { withUser } from "@/lib/db/with-user";
import { optimiseDay } from "@/lib/optimise/optimise-day";
import type { DayProposal } from "@/lib/optimise/day-proposal";
import { OptimiseDaySchema, type OptimiseStreamLine } from "@/lib/schemas/optimise";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const text = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * POST /api/board/optimise with {date, technicianIds?, movePublished, timeLimitSeconds}.
 * Answers in newline-delimited JSON: progress lines while the optimiser thinks
 * (in a worker thread, so the server keeps answering), then the proposal to
 * preview. Nothing is written: approving is a separate, checked change. A route
 * rather than a server action because progress streams.
 */
export async function POST(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return text(403, "Optimisations are started from Crewboard's own pages only.");
  const session = await getSession();
  if (!session) return text(401, "Your session has ended. Sign in again.");
  if (!hasRole(session, ["admin", "dispatcher"])) return text(403, `Your role (${session.user.role}) cannot optimise the board.`);
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return text(400, "Send the day to optimise as JSON.");
  }
  const parsed = OptimiseDaySchema.safeParse(raw);
  if (!parsed.success) return text(400, parsed.error.issues[0].message);
  const input = parsed.data;
  // the day is read in one short transaction; the optimiser runs outside it
  const day = await withUser(await getDb(), session.user, (tx) => loadBoardDay(tx, session.user.orgId, input.date));
  if (!day) return text(404, "Your company could not be loaded.");

  const limitMs = input.timeLimitSeconds * 1000;
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: OptimiseStreamLine<DayProposal>) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          abort.abort();
        }
      };
      send({ type: "progress", elapsedMs: 0, limitMs, iteration: 0 });
      try {
        const data = await optimiseDay(day, {
          technicianIds: input.technicianIds,
          movePublished: input.movePublished,
          timeLimitMs: limitMs,
          now: now(),
          signal: abort.signal,
          onProgress: (p) => send({ type: "progress", elapsedMs: p.elapsedMs, limitMs, iteration: p.iteration }),
        });
        send({ type: "result", data });
      } catch (err) {
        if (err instanceof ActionFailure) send({ type: "failure", error: { code: err.code, message: err.message } });
        else {
          console.error("optimise day failed", err);
          send({ type: "failure", error: { code: "unexpected", message: "The optimiser failed unexpectedly; nothing changed. Try again." } });
        }
      }
      try {
        controller.close();
      } catch {
        // the person went away
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
