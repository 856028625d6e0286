import type { Random } from "@/lib/engine/random";
import type { RouteSet } from "@/lib/engine/vrp/route-set";

export interface StringRemovalOptions {
  /** Average number of clients removed (c̄ in slack induction by string removals). */
  averageRemoved: number;
  /** Longest string taken from one route (L^max). */
  maxStringLength: number;
  /** Chance of keeping a stretch inside the removed string ("split string"). */
  splitRate: number;
  /** Chance of stopping to grow the kept stretch (β). */
  splitDepth: number;
}

/**
 * Ruin in the style of slack induction by string removals (Christiaens &
 * Vanden Berghe): pick a random seed client, walk its nearest clients, and from
 * each route met (up to a random number of routes) remove one string of
 * consecutive stops around that client, sometimes keeping a stretch in the
 * middle. Removing neighbouring strings from several routes frees room where
 * routes overlap, which is where recreate can improve them. Pinned clients are
 * never removed. Writes the removed clients into `removed` and returns how many;
 * changed routes are left for the caller to update.
 */
export function removeStrings(
  set: RouteSet,
  random: Random,
  nearest: Int32Array,
  nearestCount: number,
  options: StringRemovalOptions,
  removed: Int32Array,
  ruined: Uint8Array,
): number {
  let placed = 0;
  let used = 0;
  for (let r = 0; r < set.vehicleCount; r++) {
    ruined[r] = 0;
    if (set.size[r] > 0) {
      placed += set.size[r];
      used++;
    }
  }
  if (placed === 0) return 0;
  const averageLength = placed / used;
  const lsMax = Math.min(options.maxStringLength, averageLength);
  const ksMax = (4 * options.averageRemoved) / (1 + lsMax) - 1;
  // at least one string, also on small days where the formula's maximum falls below one
  const strings = Math.max(1, Math.floor(random.next() * ksMax) + 1);
  let seed = -1;
  for (let attempt = 0; attempt < 20 && seed < 0; attempt++) {
    const candidate = Math.floor(random.next() * set.clientCount);
    if (set.routeOf[candidate] >= 0) seed = candidate;
  }
  if (seed < 0) return 0;
  let count = 0;
  let ruinedRoutes = 0;
  for (let k = -1; k < nearestCount && ruinedRoutes < strings; k++) {
    const c = k < 0 ? seed : nearest[seed * nearestCount + k];
    const r = set.routeOf[c];
    if (r < 0 || ruined[r] === 1) continue;
    const size = set.size[r];
    const maxLength = Math.min(size, lsMax);
    const length = Math.floor(random.next() * maxLength) + 1;
    const position = set.pos[c];
    const nodes = set.nodes[r];
    let first: number;
    let last: number;
    let keepFrom = 0;
    let keepTo = -1;
    if (length < size && random.next() < options.splitRate) {
      let keep = 1;
      while (length + keep < size && random.next() > options.splitDepth) keep++;
      const total = length + keep;
      const lowest = Math.max(1, position - total + 1);
      const highest = Math.min(position, size - total + 1);
      first = lowest + Math.floor(random.next() * (highest - lowest + 1));
      last = first + total - 1;
      keepFrom = first + Math.floor(random.next() * (length + 1));
      keepTo = keepFrom + keep - 1;
    } else {
      const lowest = Math.max(1, position - length + 1);
      const highest = Math.min(position, size - length + 1);
      first = lowest + Math.floor(random.next() * (highest - lowest + 1));
      last = first + length - 1;
    }
    const start = count;
    for (let p = first; p <= last; p++) {
      if (p >= keepFrom && p <= keepTo) continue;
      const node = nodes[p];
      if (set.pinned[node] === 0) removed[count++] = node;
    }
    for (let i = start; i < count; i++) set.remove(removed[i]);
    ruined[r] = 1;
    ruinedRoutes++;
  }
  return count;
}
