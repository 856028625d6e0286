/**
 * A board change in words ("Sam Okafor moved WO-1042 from Rosa Chen 09:00 to Owen
 * Novak 10:30") and its kind, from the placement before and after.
 */
import { toMinute } from "@/lib/board/engine-board";
import { formatClock } from "@/lib/engine/format-clock";

/** Where a job is: who does it and when (ISO instants). */
export interface PlacementSnapshot {
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

export type ChangeKind = "assign" | "move" | "resize" | "reassign" | "crew" | "unassign" | "undo";

export function sameCrew(a: PlacementSnapshot, b: PlacementSnapshot): boolean {
  return a.leaderId === b.leaderId && [...a.helperIds].sort().join() === [...b.helperIds].sort().join();
}

/**
 * What kind of change takes a job from `before` to `after` (null = off the board).
 *
 * @example kindOf(null, { leaderId: "t1", helperIds: [], start, end }) // "assign"
 */
export function kindOf(before: PlacementSnapshot | null, after: PlacementSnapshot | null): ChangeKind {
  if (!before && after) return "assign";
  if (before && !after) return "unassign";
  if (!before || !after) return "move";
  if (before.leaderId !== after.leaderId) return "reassign";
  if (before.start === after.start && before.end === after.end) return "crew";
  if (before.start === after.start && sameCrew(before, after)) return "resize";
  return "move";
}

/**
 * The sentence the change log and the undo list show.
 *
 * @example
 * describeChange("assign", "Sam Okafor", "WO-1042", null, after, names, "America/Chicago")
 * // "Sam Okafor scheduled WO-1042 for Rosa Chen at 09:00–10:30"
 */
export function describeChange(
  kind: ChangeKind,
  actor: string,
  workOrder: string,
  before: PlacementSnapshot | null,
  after: PlacementSnapshot | null,
  names: ReadonlyMap<string, string>,
  timeZone: string,
): string {
  const clock = (iso: string) => formatClock(toMinute(iso), timeZone);
  const who = (id: string) => names.get(id) ?? "an unknown technician";
  const crew = (p: PlacementSnapshot) =>
    p.helperIds.length > 0 ? `${who(p.leaderId)} (with ${p.helperIds.map(who).join(", ")})` : who(p.leaderId);
  switch (kind) {
    case "assign":
      return `${actor} scheduled ${workOrder} for ${crew(after!)} at ${clock(after!.start)}–${clock(after!.end)}`;
    case "unassign":
      return `${actor} unscheduled ${workOrder} (was ${who(before!.leaderId)} ${clock(before!.start)})`;
    case "resize":
      return `${actor} changed ${workOrder} on ${who(after!.leaderId)} to ${clock(after!.start)}–${clock(after!.end)} (was until ${clock(before!.end)})`;
    case "crew":
      return `${actor} changed the crew of ${workOrder} to ${crew(after!)}`;
    default:
      return `${actor} moved ${workOrder} from ${who(before!.leaderId)} ${clock(before!.start)} to ${crew(after!)} ${clock(after!.start)}`;
  }
}

/** "Sam Okafor undid: moved WO-1042 …": an undo in the words of the change it undoes. */
export function describeUndo(actor: string, undoneSummary: string): string {
  const own = undoneSummary.startsWith(`${actor} `) ? undoneSummary.slice(actor.length + 1) : undoneSummary;
  return `${actor} undid: ${own}`;
}
