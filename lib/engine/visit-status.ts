/**
 * What a crew may report about a visit, in which order: on my way → arrived →
 * done, or "couldn't finish" with a reason. A technician cannot report "done"
 * before "arrived"; a dispatcher may, as a correction that is recorded as one.
 */

export type VisitStatus = "on_my_way" | "arrived" | "done" | "not_finished";

export type NotFinishedReason = "parts" | "no_access" | "customer_absent" | "second_visit";

export const VISIT_STATUSES: readonly VisitStatus[] = ["on_my_way", "arrived", "done", "not_finished"];
export const NOT_FINISHED_REASONS: readonly NotFinishedReason[] = ["parts", "no_access", "customer_absent", "second_visit"];

/** How each status reads on the phone, the board and in the audit trail. */
export const VISIT_STATUS_LABEL: Record<VisitStatus, string> = {
  on_my_way: "On my way",
  arrived: "Arrived",
  done: "Done",
  not_finished: "Couldn't finish",
};

/** How each status reads to someone outside the crew (an API answer, a customer). */
export const VISIT_STATUS_WORDS: Record<VisitStatus, string> = {
  on_my_way: "on the way",
  arrived: "on site",
  done: "done",
  not_finished: "couldn't finish",
};

export const NOT_FINISHED_LABEL: Record<NotFinishedReason, string> = {
  parts: "Parts needed",
  no_access: "No access",
  customer_absent: "Customer absent",
  second_visit: "Needs a second visit",
};

export interface VisitTransitionOptions {
  /** Who reports: the crew on the phone, or a dispatcher correcting the record. */
  by: "technician" | "dispatcher";
}

export type VisitTransition =
  /** `correction`: allowed only because a dispatcher set it out of order. */
  | { ok: true; status: VisitStatus; correction: boolean; unchanged: boolean }
  | { ok: false; reason: string };

/** Statuses a crew may report next, from each current status (null: not started). */
const CREW_NEXT: Record<VisitStatus | "none", readonly VisitStatus[]> = {
  none: ["on_my_way", "arrived", "not_finished"],
  on_my_way: ["arrived", "not_finished"],
  arrived: ["done", "not_finished"],
  done: [],
  // a job that could not be finished is visited again once it is back on a lane
  not_finished: ["on_my_way", "arrived"],
};

/**
 * Whether `requested` may follow `current`, and why not.
 *
 * @example
 * nextVisitStatus("on_my_way", "arrived", { by: "technician" }) // { ok: true, status: "arrived", correction: false, unchanged: false }
 * nextVisitStatus(null, "done", { by: "technician" }) // { ok: false, reason: "Tap “Arrived” before “Done”." }
 * nextVisitStatus(null, "done", { by: "dispatcher" }) // { ok: true, status: "done", correction: true, unchanged: false }
 */
export function nextVisitStatus(current: VisitStatus | null, requested: VisitStatus, options: VisitTransitionOptions): VisitTransition {
  if (current === requested) return { ok: true, status: requested, correction: false, unchanged: true };
  if (CREW_NEXT[current ?? "none"].includes(requested)) return { ok: true, status: requested, correction: false, unchanged: false };
  if (options.by === "dispatcher") return { ok: true, status: requested, correction: true, unchanged: false };
  return { ok: false, reason: refusal(current, requested) };
}

function refusal(current: VisitStatus | null, requested: VisitStatus): string {
  if (current === "done") return "This visit is already done; ask the dispatcher to correct it.";
  if (requested === "done") return "Tap “Arrived” before “Done”.";
  if (requested === "on_my_way" && current === "arrived") return "You have already arrived.";
  return `“${VISIT_STATUS_LABEL[requested]}” cannot follow “${current ? VISIT_STATUS_LABEL[current] : "not started"}”.`;
}
