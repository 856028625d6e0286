/**
 * What each lane needs besides its layout — its jobs' warnings and crews, and
 * which of the board-wide states (being saved, selected, dragged, highlighted)
 * touch it — kept as the same objects while they do not change. A memoised lane
 * then redraws only when something on it changed: a drag redraws the lanes it
 * left and entered, not every lane on screen.
 */
import type { LaneLayout } from "@/components/board/lane-layout";
import type { CheckIssue } from "@/lib/engine/checks";

export interface LaneInfo {
  /** Each visit's warnings where it is now, by job id. */
  warnings: ReadonlyMap<string, CheckIssue[]>;
  /** Each visit's crew by name, leader first, by job id. */
  crews: ReadonlyMap<string, string[]>;
}

export interface LaneSource {
  warningsOf(jobId: string): CheckIssue[];
  crewNamesOf(jobId: string): string[];
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * A cache of lane infos by layout. Asked again for a layout, it hands back the
 * info it gave last time when every warning list is the same object and every
 * crew the same names, so an unchanged lane gets unchanged props.
 *
 * @example
 * const infoOf = createLaneInfoCache();
 * infoOf(view.layoutOf(techId)!, view).warnings.get(jobId)
 */
export function createLaneInfoCache() {
  const cache = new WeakMap<LaneLayout, LaneInfo>();
  return (layout: LaneLayout, source: LaneSource): LaneInfo => {
    const kept = cache.get(layout);
    if (kept) {
      const still = layout.items.every((i) => {
        const w = kept.warnings.get(i.job.id);
        const c = kept.crews.get(i.job.id);
        return w === source.warningsOf(i.job.id) && c !== undefined && sameNames(c, source.crewNamesOf(i.job.id));
      });
      if (still) return kept;
    }
    const info: LaneInfo = {
      warnings: new Map(layout.items.map((i) => [i.job.id, source.warningsOf(i.job.id)])),
      crews: new Map(layout.items.map((i) => [i.job.id, source.crewNamesOf(i.job.id)])),
    };
    cache.set(layout, info);
    return info;
  };
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The part of a board-wide set of job ids that is on this lane: the set itself
 * when one of them is here, else one shared empty set (so the lane's props stay
 * the same when only other lanes' jobs come and go).
 */
export function laneShare(layout: LaneLayout, ids: ReadonlySet<string>): ReadonlySet<string> {
  if (ids.size === 0) return NOTHING;
  return layout.items.some((i) => ids.has(i.job.id)) ? ids : NOTHING;
}

/** `jobId` when that job is on this lane, else null. */
export function laneJob(layout: LaneLayout, jobId: string | null): string | null {
  return jobId !== null && layout.items.some((i) => i.job.id === jobId) ? jobId : null;
}
