/** Display helpers shared by board components (no I/O). */

export const PRIORITY_LABEL = { 1: "Emergency", 2: "High", 3: "Normal", 4: "Low" } as const;

export const PRIORITY_CLASS = {
  1: "border-l-p1 bg-red-50",
  2: "border-l-p2 bg-orange-50",
  3: "border-l-p3 bg-blue-50",
  4: "border-l-p4 bg-slate-100",
} as const;

export const STATUS_LABEL = {
  unscheduled: "Unscheduled",
  scheduled: "Scheduled",
  published: "Published",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
} as const;

/** "1 h 30 min", "45 min" */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
