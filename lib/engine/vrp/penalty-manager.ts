import type { RouteSet } from "@/lib/engine/vrp/route-set";

export interface PenaltyOptions {
  /** Share of local-search results that should come out feasible. */
  targetFeasible: number;
  /** How many results are looked at between two adjustments. */
  window: number;
  increase: number;
  decrease: number;
  /** Weight of a unit of time warp against a unit of distance at the start. */
  initialWarpWeight?: number;
}

/**
 * Keeps the weights of time warp and overload in the penalised objective near
 * the level where a target share of local-search results is feasible: too few
 * feasible and the weight goes up, too many and it comes down, so the search
 * keeps crossing infeasible space without getting lost in it (as hybrid
 * genetic search does).
 */
export class PenaltyManager {
  private readonly set: RouteSet;
  private readonly options: PenaltyOptions;
  private warpFeasible = 0;
  private loadFeasible = 0;
  private seen = 0;

  constructor(set: RouteSet, options: PenaltyOptions) {
    this.set = set;
    this.options = options;
    const instance = set.instance;
    let maxDistance = 0;
    for (let i = 0; i < instance.distance.length; i++) maxDistance = Math.max(maxDistance, instance.distance[i]);
    let maxDemand = 0;
    for (let i = 0; i < instance.clientCount; i++) maxDemand = Math.max(maxDemand, instance.demand[i]);
    set.setWeights(options.initialWarpWeight ?? 10, maxDemand > 0 ? Math.min(1000, Math.max(0.1, maxDistance / maxDemand)) : 1);
  }

  /**
   * Note one local-search result; returns true when the weights changed.
   */
  record(): boolean {
    const set = this.set;
    let warpOk = true;
    let loadOk = true;
    for (let r = 0; r < set.vehicleCount; r++) {
      if (set.routeWarp[r] > 1e-9) warpOk = false;
      if (set.routeLoad[r] > set.capacity[r] + 1e-9) loadOk = false;
    }
    if (warpOk) this.warpFeasible++;
    if (loadOk) this.loadFeasible++;
    this.seen++;
    if (this.seen < this.options.window) return false;
    set.setWeights(
      this.adjust(set.warpWeight, this.warpFeasible / this.seen),
      this.adjust(set.loadWeight, this.loadFeasible / this.seen),
    );
    this.warpFeasible = 0;
    this.loadFeasible = 0;
    this.seen = 0;
    return true;
  }

  private adjust(weight: number, share: number): number {
    const { targetFeasible, increase, decrease } = this.options;
    if (share < targetFeasible - 0.05) return Math.min(100_000, weight * increase);
    if (share > targetFeasible + 0.05) return Math.max(0.01, weight * decrease);
    return weight;
  }
}
