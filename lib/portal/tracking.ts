/**
 * The tracking link's reads and the customer's two requests, each in one
 * transaction as the company's portal principal, scoped to the one request the
 * token names.
 */
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { ActionFailure, fail, ok, type ActionResult } from "@/lib/actions/result";
import { cancelFromPortal, findTrackedRequest, loadTracking, requestAnotherTime, type TrackingView } from "@/lib/db/portal";
import { PortalRescheduleSchema } from "@/lib/schemas/portal";

export async function readTracking(db: Db, token: string, now: Date): Promise<TrackingView | null> {
  const tracked = await findTrackedRequest(db, token, now);
  if (!tracked) return null;
  return withUser(db, tracked.company.principal, (tx) => loadTracking(tx, tracked));
}

/** The customer cancels, or asks for another time (with their words). */
export async function changeFromTracking(
  db: Db,
  token: string,
  change: { action: "cancel" } | { action: "reschedule"; message: unknown; requestedDate?: unknown; requestedWindow?: unknown },
  now: Date,
): Promise<ActionResult<TrackingView>> {
  const tracked = await findTrackedRequest(db, token, now);
  if (!tracked) return fail("not_found", "This tracking link is no longer valid.");
  let request: { message: string; date: string; window: "any" | "morning" | "afternoon" } | null = null;
  if (change.action === "reschedule") {
    const parsed = PortalRescheduleSchema.safeParse({ message: change.message, requestedDate: change.requestedDate, requestedWindow: change.requestedWindow });
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "message")] ??= []).push(issue.message);
      return fail("validation", parsed.error.issues[0].message, fieldErrors);
    }
    request = { message: parsed.data.message, date: parsed.data.requestedDate!, window: parsed.data.requestedWindow };
  }
  try {
    const view = await withUser(
      db,
      tracked.company.principal,
      async (tx) => {
        const before = await loadTracking(tx, tracked);
        if (!before?.canChange) throw new ActionFailure("refused", "This visit can no longer be changed here. Please call us.");
        if (change.action === "cancel") await cancelFromPortal(tx, tracked, now);
        else await requestAnotherTime(tx, tracked, request!, now);
        return (await loadTracking(tx, tracked))!;
      },
      { auditContext: { via: "portal" } },
    );
    return ok(view);
  } catch (err) {
    if (err instanceof ActionFailure) return fail(err.code, err.message, err.fieldErrors);
    throw err;
  }
}
