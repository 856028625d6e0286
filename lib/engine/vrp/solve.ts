import { createRandom } from "@/lib/engine/random";
import { insertGreedily } from "@/lib/engine/vrp/greedy-insertion";
import { validateInstance, type VrpInstance, type VrpSolution } from "@/lib/engine/vrp/instance";
import { LocalSearch } from "@/lib/engine/vrp/local-search";
import { granularNeighbours, nearestClients } from "@/lib/engine/vrp/neighbours";
import { PenaltyManager } from "@/lib/engine/vrp/penalty-manager";
import { RouteSet } from "@/lib/engine/vrp/route-set";
import { removeStrings } from "@/lib/engine/vrp/string-removal";

export interface SolveProgress {
  iteration: number;
  /** Distance plus lost prizes of the best feasible solution so far, or null. */
  bestCost: number | null;
  /** Clock units since the start. */
  elapsed: number;
}

export interface SolveOptions {
  seed: number;
  /**
   * Reads a monotonic clock (e.g. `performance.now`); the solver stops once it
   * reaches `deadline`. The engine never reads a clock of its own.
   */
  clock?: () => number;
  deadline?: number;
  /** Stop after this many ruin-and-recreate iterations (for tests: no clock). */
  maxIterations?: number;
  /** Start from this solution (pinned clients must sit in their vehicles). */
  initial?: VrpSolution;
  neighbourCount?: number;
  averageRemoved?: number;
  maxStringLength?: number;
  blinkRate?: number;
  /** Late acceptance: how many iterations back a candidate is compared with. */
  historyLength?: number;
  /** Go back to the best solution after this many iterations without a new best. */
  restartAfter?: number;
  targetFeasible?: number;
  /** Local-search results between two penalty adjustments. */
  penaltyWindow?: number;
  initialWarpWeight?: number;
  onProgress?: (progress: SolveProgress) => void;
  /** Iterations between two progress reports. */
  progressEvery?: number;
}

export interface SolveResult {
  solution: VrpSolution;
  /** Total distance of the routes. */
  distance: number;
  /** Prizes of the clients left unplaced (Infinity if a required one is). */
  unplacedCost: number;
  feasible: boolean;
  iterations: number;
  /** Iteration at which the returned solution was found. */
  foundAt: number;
}

/**
 * Solve a routing problem with time windows: cheapest-insertion start, then
 * ruin (string removals) and recreate (greedy insertion with blinks), each
 * result polished by granular local search on a penalised objective with
 * adaptive weights, accepted by late-acceptance hill climbing, with a return to
 * the best solution when the search stalls. Same instance, options and seed:
 * same answer (when stopped by `maxIterations`).
 *
 * @example
 * const result = solveVrp(instance, { seed: 1, clock: () => performance.now(), deadline: performance.now() + 2000 });
 * result.feasible && result.distance
 */
export function solveVrp(instance: VrpInstance, options: SolveOptions): SolveResult {
  const problems = validateInstance(instance);
  if (problems.length > 0) {
    throw new Error(`The routing problem cannot be solved: ${problems.map((p) => p.message).join("; ")}`);
  }
  if (options.maxIterations === undefined && (options.clock === undefined || options.deadline === undefined)) {
    throw new Error("solveVrp needs a clock and a deadline, or an iteration budget");
  }
  const clock = options.clock;
  const deadline = options.deadline ?? Infinity;
  const startedAt = clock ? clock() : 0;
  const maxIterations = options.maxIterations ?? Infinity;
  const random = createRandom(options.seed);
  const c = instance.clientCount;
  const v = instance.vehicleCount;

  const set = new RouteSet(instance);
  const neighbours = granularNeighbours(instance, { count: options.neighbourCount ?? 20 });
  const nearest = nearestClients(instance, 100);
  const search = new LocalSearch(set, neighbours.list, neighbours.count, random);
  const penalties = new PenaltyManager(set, {
    targetFeasible: options.targetFeasible ?? 0.5,
    window: options.penaltyWindow ?? 20,
    initialWarpWeight: options.initialWarpWeight,
    increase: 1.3,
    decrease: 0.85,
  });
  const removal = {
    averageRemoved: Math.min(options.averageRemoved ?? 20, Math.max(1, Math.floor(c / 4))),
    maxStringLength: options.maxStringLength ?? 10,
    splitRate: 0.5,
    splitDepth: 0.01,
  };
  const blinkRate = options.blinkRate ?? 0.01;
  const removed = new Int32Array(c);
  const ruined = new Uint8Array(v);
  const keys = new Float64Array(c);
  const touched = (route: number) => search.touched(route);

  // Start: pinned clients in their vehicles by time, then cheapest insertion.
  if (options.initial) {
    set.load(options.initial);
  } else {
    const pinned = Array.from({ length: c }, (_, i) => i)
      .filter((i) => instance.pinnedVehicle[i] >= 0)
      .sort((a, b) => instance.readyTime[a] - instance.readyTime[b] || a - b);
    for (const u of pinned) {
      const r = instance.pinnedVehicle[u];
      set.insertAfter(u, set.nodes[r][set.size[r]]);
      set.update(r);
    }
    let count = 0;
    for (let i = 0; i < c; i++) if (set.routeOf[i] < 0) removed[count++] = i;
    // Build with heavy penalties, so the start is feasible wherever cheap insertion can make it so.
    const [warp, load] = [set.warpWeight, set.loadWeight];
    set.setWeights(warp * 100, load * 100);
    insertGreedily(set, random, removed, count, 0, touched, keys);
    set.setWeights(warp, load);
  }
  search.run();
  for (let attempt = 1; attempt <= 4 && !set.isFeasible(); attempt++) repair(set, search, 10 ** attempt);
  dropOptional(set, touched);

  const current = new RouteSet(instance);
  current.copyFrom(set);
  const best = new RouteSet(instance);
  best.copyFrom(set);
  let bestCost = set.isFeasible() ? set.totalDistance() + set.unplacedCost() : Infinity;
  let foundAt = 0;
  let currentCost = set.penalisedCost();
  const historyLength = options.historyLength ?? 30;
  const history = new Float64Array(historyLength).fill(currentCost);
  const restartAfter = options.restartAfter ?? 20_000;
  const progressEvery = options.progressEvery ?? 1000;
  const changed = new Int32Array(v);
  let sinceBest = 0;
  let iteration = 0;

  while (iteration < maxIterations && (clock === undefined || clock() < deadline)) {
    iteration++;
    const before = search.clockValue();
    let count = removeStrings(set, random, nearest.list, nearest.count, removal, removed, ruined);
    for (let r = 0; r < v; r++) {
      if (ruined[r] === 1) {
        set.update(r);
        search.touched(r);
      }
    }
    // Removed clients and any left unplaced before get a chance to go back in.
    count = 0;
    for (let i = 0; i < c; i++) if (set.routeOf[i] < 0) removed[count++] = i;
    insertGreedily(set, random, removed, count, blinkRate, touched, keys);
    search.run();
    if (penalties.record()) {
      currentCost = current.penalisedCostWith(set.warpWeight, set.loadWeight);
      for (let r = 0; r < v; r++) if (set.routeWarp[r] > 0 || set.routeLoad[r] > set.capacity[r]) search.touched(r);
    }
    if (!set.isFeasible() && (bestCost === Infinity || random.next() < 0.5)) {
      repair(set, search, 10);
      dropOptional(set, touched);
    }

    const cost = set.penalisedCost();
    const slot = iteration % historyLength;
    let changedCount = 0;
    for (let r = 0; r < v; r++) if (search.modified[r] > before) changed[changedCount++] = r;
    if (cost < history[slot] || cost <= currentCost) {
      current.adoptRoutes(set, changed, changedCount);
      currentCost = cost;
      if (set.isFeasible()) {
        const total = set.totalDistance() + set.unplacedCost();
        if (total < bestCost - 1e-9) {
          bestCost = total;
          best.copyFrom(set);
          foundAt = iteration;
          sinceBest = 0;
        }
      }
    } else {
      set.restoreRoutes(current, changed, changedCount);
      for (let i = 0; i < changedCount; i++) search.touched(changed[i]);
    }
    if (currentCost < history[slot]) history[slot] = currentCost;
    if (++sinceBest >= restartAfter && bestCost < Infinity) {
      set.copyFrom(best);
      current.copyFrom(best);
      search.reset();
      currentCost = set.penalisedCost();
      history.fill(currentCost);
      sinceBest = 0;
    }
    if (options.onProgress && iteration % progressEvery === 0) {
      options.onProgress({
        iteration,
        bestCost: bestCost < Infinity ? bestCost : null,
        elapsed: clock ? clock() - startedAt : 0,
      });
    }
  }

  let result = best;
  if (bestCost === Infinity) {
    // Nothing feasible found in time: leave out what may be left out rather than answer with broken routes.
    set.copyFrom(current);
    dropOptional(set, touched);
    result = set;
  }
  return {
    solution: result.solution(),
    distance: result.totalDistance(),
    unplacedCost: result.unplacedCost(),
    feasible: result.isFeasible() && result.unplacedCost() < Infinity,
    iterations: iteration,
    foundAt,
  };
}

/** Local search again with the penalty weights multiplied, to pull a solution back into feasibility. */
function repair(set: RouteSet, search: LocalSearch, factor: number): void {
  if (set.isFeasible()) return;
  const warp = set.warpWeight;
  const load = set.loadWeight;
  set.setWeights(warp * factor, load * factor);
  for (let r = 0; r < set.vehicleCount; r++) {
    if (set.routeWarp[r] > 0 || set.routeLoad[r] > set.capacity[r]) search.touched(r);
  }
  search.run();
  set.setWeights(warp, load);
}

/**
 * Take clients that may be left out off routes that break a window, the shift
 * or the capacity, cheapest prize per unit of trouble removed first, until the
 * route is clean or only required clients remain.
 */
function dropOptional(set: RouteSet, touched: (route: number) => void): void {
  const prize = set.instance.prize;
  for (let r = 0; r < set.vehicleCount; r++) {
    while (set.routeWarp[r] > 1e-9 || set.routeLoad[r] > set.capacity[r] + 1e-9) {
      const before = set.routeWarp[r] + Math.max(0, set.routeLoad[r] - set.capacity[r]);
      const ns = set.nodes[r];
      let best = -1;
      let bestRatio = Infinity;
      for (let k = 1; k <= set.size[r]; k++) {
        const u = ns[k];
        if (prize[u] === Infinity || set.pinned[u] === 1) continue;
        const after =
          set.warpJoin(ns[k - 1], ns[k + 1]) + Math.max(0, set.routeLoad[r] - set.demand[u] - set.capacity[r]);
        const gain = before - after;
        const ratio = gain > 1e-9 ? prize[u] / gain : Infinity;
        if (ratio < bestRatio || (best < 0 && ratio === Infinity)) {
          bestRatio = ratio;
          best = u;
        }
      }
      if (best < 0) break;
      set.remove(best);
      set.update(r);
      touched(r);
    }
  }
}
