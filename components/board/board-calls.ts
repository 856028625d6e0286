/**
 * The day board's calls to the server, as plain JSON requests (app/api/board/…).
 * Each answers the same `ActionResult` a server action would. A request starts the
 * moment it is made, so a change is on its way while the board draws it, and
 * changes never queue behind a large load the way server actions do.
 */
import type { BoardApi } from "@/components/board/board-store";
import type { ActionResult } from "@/lib/actions/result";

/** Anything but a JSON answer (no network, a proxy's error page) is thrown: the board says it could not reach the server. */
async function answerOf<T>(response: Response): Promise<ActionResult<T>> {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) {
    throw new Error(`The server answered ${response.status} without a result.`);
  }
  return (await response.json()) as ActionResult<T>;
}

async function post<T>(url: string, body: unknown): Promise<ActionResult<T>> {
  return answerOf<T>(await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), cache: "no-store" }));
}

export const boardCalls: BoardApi = {
  loadDay: async ({ date }) => answerOf(await fetch(`/api/board/day?date=${encodeURIComponent(date)}`, { cache: "no-store" })),
  loadJobs: (input) => post("/api/board/day", input),
  loadLanes: async ({ date, offset, limit }) =>
    answerOf(await fetch(`/api/board/day?date=${encodeURIComponent(date)}&offset=${offset}&limit=${limit}`, { cache: "no-store" })),
  place: (input) => post("/api/board/changes", { kind: "place", ...input }),
  unassign: (input) => post("/api/board/changes", { kind: "unassign", ...input }),
  undo: (input) => post("/api/board/changes", { kind: "undo", ...input }),
};
