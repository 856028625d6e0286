import { placeJobAction, unassignJobAction, undoAction } from "@/app/(app)/schedules/actions";
import { answerAction, fromOwnPages, jsonBody, refuse } from "@/lib/http/json-action";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const CHANGES = { place: placeJobAction, unassign: unassignJobAction, undo: undoAction } as const;

/**
 * POST /api/board/changes with `{ kind: "place" | "unassign" | "undo", …the change }`:
 * a change made on the day board, through the same checked, audited action as
 * every other placement (session, role, schema, one transaction). Answers the
 * action's result as JSON.
 */
export async function POST(request: Request): Promise<Response> {
  if (!fromOwnPages(request)) return refuse(403, "forbidden", "Board changes are accepted from Crewboard's own pages only.");
  const body = await jsonBody(request);
  if (!body) return refuse(400, "validation", "Send the change as a JSON object.");
  const { kind, ...change } = body;
  const action = typeof kind === "string" && Object.hasOwn(CHANGES, kind) ? CHANGES[kind as keyof typeof CHANGES] : null;
  if (!action) return refuse(400, "validation", 'Say what kind of change this is: "place", "unassign" or "undo".');
  return answerAction(() => action(change));
}
