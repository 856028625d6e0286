import type { VrpInstance } from "@/lib/engine/vrp/instance";

export interface NeighbourOptions {
  /** How many neighbours each client keeps (granularity). */
  count?: number;
  /** Weight of the waiting time a visit of j right after i would cause. */
  waitWeight?: number;
  /** Weight of the time warp a visit of j right after i would cause. */
  warpWeight?: number;
}

/**
 * Granular neighbour lists: for each client, the clients it is worth putting
 * next to, by distance plus the waiting or lateness their windows would force
 * (the correlation measure of hybrid genetic search). Moves are only tried
 * between a client and its neighbours, which keeps local search near-linear.
 * Returns a flat array, `count` entries per client, nearest first.
 *
 * @example
 * const { list, count } = granularNeighbours(instance, { count: 30 });
 * list[client * count] // the most related client
 */
export function granularNeighbours(
  instance: VrpInstance,
  options: NeighbourOptions = {},
): { list: Int32Array; count: number } {
  const c = instance.clientCount;
  const count = Math.max(0, Math.min(options.count ?? 30, c - 1 - inPlaceCount(instance)));
  const waitWeight = options.waitWeight ?? 0.2;
  const warpWeight = options.warpWeight ?? 1;
  const m = instance.locationCount;
  const list = new Int32Array(c * count);
  const score = new Float64Array(c);
  const order = new Int32Array(c);
  for (let i = 0; i < c; i++) {
    const li = instance.clientLocation[i];
    for (let j = 0; j < c; j++) {
      order[j] = j;
      // a stop made in place (a break) is near everything and a neighbour of nothing
      if (j === i || instance.inPlace?.[j] === 1) {
        score[j] = Infinity;
        continue;
      }
      const lj = instance.clientLocation[j];
      // Either order of the pair may be the useful one: take the better.
      const tij = instance.duration[li * m + lj];
      const tji = instance.duration[lj * m + li];
      const ij =
        instance.distance[li * m + lj] +
        waitWeight * Math.max(instance.readyTime[j] - instance.serviceTime[i] - tij - instance.dueTime[i], 0) +
        warpWeight * Math.max(instance.readyTime[i] + instance.serviceTime[i] + tij - instance.dueTime[j], 0);
      const ji =
        instance.distance[lj * m + li] +
        waitWeight * Math.max(instance.readyTime[i] - instance.serviceTime[j] - tji - instance.dueTime[j], 0) +
        warpWeight * Math.max(instance.readyTime[j] + instance.serviceTime[j] + tji - instance.dueTime[i], 0);
      score[j] = Math.min(ij, ji);
    }
    const sorted = Array.from(order).sort((a, b) => score[a] - score[b] || a - b);
    for (let k = 0; k < count; k++) list[i * count + k] = sorted[k];
  }
  return { list, count };
}

/**
 * Every other client by plain distance, nearest first, up to `limit` per client
 * (flat, `limit` entries per client): where string removal looks for routes
 * near its seed.
 *
 * @example
 * const { list, count } = nearestClients(instance, 100);
 */
export function nearestClients(instance: VrpInstance, limit: number): { list: Int32Array; count: number } {
  const c = instance.clientCount;
  const count = Math.max(0, Math.min(limit, c - 1 - inPlaceCount(instance)));
  const m = instance.locationCount;
  const list = new Int32Array(c * count);
  const score = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    const li = instance.clientLocation[i];
    const others: number[] = [];
    for (let j = 0; j < c; j++) {
      if (j === i || instance.inPlace?.[j] === 1) continue;
      score[j] = instance.distance[li * m + instance.clientLocation[j]];
      others.push(j);
    }
    others.sort((a, b) => score[a] - score[b] || a - b);
    for (let k = 0; k < count; k++) list[i * count + k] = others[k];
  }
  return { list, count };
}

function inPlaceCount(instance: VrpInstance): number {
  let count = 0;
  if (instance.inPlace) for (let i = 0; i < instance.clientCount; i++) count += instance.inPlace[i];
  return count;
}
