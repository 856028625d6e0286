/**
 * Filtering and sorting the unscheduled queue the way a dispatcher scans it.
 */
import type { BoardJob } from "@/lib/db/board";

export type QueueSort = "priority" | "deadline" | "duration";

export interface QueueFilter {
  /** 0 for every priority. */
  priority: 0 | BoardJob["priority"];
  /** "" for any skill. */
  skill: string;
  /** "" for any city. */
  city: string;
  /** Free text matched against work order, customer, description, city and address. */
  text: string;
  sort: QueueSort;
}

export const NO_FILTER: QueueFilter = { priority: 0, skill: "", city: "", text: "", sort: "priority" };

const deadlineOf = (j: BoardJob) => (j.deadline ? Date.parse(j.deadline) : Infinity);

const COMPARE: Record<QueueSort, (a: BoardJob, b: BoardJob) => number> = {
  priority: (a, b) => a.priority - b.priority || deadlineOf(a) - deadlineOf(b) || a.workOrder.localeCompare(b.workOrder),
  deadline: (a, b) => deadlineOf(a) - deadlineOf(b) || a.priority - b.priority || a.workOrder.localeCompare(b.workOrder),
  duration: (a, b) => b.estimatedMinutes - a.estimatedMinutes || a.priority - b.priority || a.workOrder.localeCompare(b.workOrder),
};

/**
 * The queue's jobs that pass the filter, in the chosen order. Duration sorts the
 * longest first (the hardest to fit); deadline puts jobs without one last.
 *
 * @example filterQueue(jobs, { ...NO_FILTER, skill: "EPA-608", sort: "deadline" })
 */
export function filterQueue(jobs: BoardJob[], filter: QueueFilter): BoardJob[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return jobs
    .filter((j) => {
      if (filter.priority !== 0 && j.priority !== filter.priority) return false;
      if (filter.skill && !j.requiredSkills.includes(filter.skill)) return false;
      if (filter.city && j.city !== filter.city) return false;
      if (words.length === 0) return true;
      const hay = [j.workOrder, j.customerName, j.description, j.city ?? "", j.address ?? "", ...j.requiredSkills].join(" ").toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort(COMPARE[filter.sort]);
}

/**
 * The skills and cities present in the queue, for the filter menus.
 *
 * @example queueFacets(jobs) // { skills: ["EPA-608", "HVAC"], cities: ["Chicago", "Evanston"] }
 */
export function queueFacets(jobs: BoardJob[]): { skills: string[]; cities: string[] } {
  const skills = new Set<string>();
  const cities = new Set<string>();
  for (const j of jobs) {
    for (const s of j.requiredSkills) skills.add(s);
    if (j.city) cities.add(j.city);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { skills: sorted(skills), cities: sorted(cities) };
}
