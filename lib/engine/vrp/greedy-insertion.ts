import type { Random } from "@/lib/engine/random";
import type { RouteSet } from "@/lib/engine/vrp/route-set";

/** Orders in which recreate takes the removed clients, and how often each is drawn. */
const ORDERS = [
  { kind: "random", weight: 4 },
  { kind: "demand", weight: 4 },
  { kind: "far", weight: 2 },
  { kind: "close", weight: 1 },
  { kind: "due", weight: 2 },
] as const;
const ORDER_TOTAL = ORDERS.reduce((sum, order) => sum + order.weight, 0);

/**
 * Recreate: put each removed client back where it adds least to the penalised
 * objective, over every position of every route (and one empty route), each
 * position skipped with a small "blink" chance so repeated recreates explore.
 * Clients are taken in a randomly chosen order (random, largest demand,
 * farthest, closest, earliest due). A client that may be left out goes only
 * where it adds no time warp or overload, and stays unplaced when its cheapest
 * position costs more than its prize. `touched(route)` hears of every route changed.
 */
export function insertGreedily(
  set: RouteSet,
  random: Random,
  clients: Int32Array,
  count: number,
  blinkRate: number,
  touched: (route: number) => void,
  keys: Float64Array,
): void {
  sortClients(set, random, clients, count, keys);
  const prize = set.instance.prize;
  for (let i = 0; i < count; i++) {
    const u = clients[i];
    // A client that may be left out only goes where it breaks nothing.
    const optional = prize[u] !== Infinity;
    let best = Infinity;
    let bestAfter = -1;
    let triedEmpty = false;
    for (let r = 0; r < set.vehicleCount; r++) {
      const size = set.size[r];
      if (size === 0) {
        if (triedEmpty) continue;
      }
      if (!set.allowed(u, r)) continue;
      if (size === 0) triedEmpty = true;
      const ns = set.nodes[r];
      const newLoad = set.routeLoad[r] + set.demand[u];
      const oldPenalty = set.routePenalty(r);
      const floor = set.penalty(r, set.routeWarp[r], newLoad) - oldPenalty;
      for (let k = 0; k <= size; k++) {
        if (blinkRate > 0 && random.next() < blinkRate) continue;
        const x = ns[k];
        const y = ns[k + 1];
        const added = set.d(x, u) + set.d(u, y) - set.d(x, y);
        if (added + floor >= best) continue;
        const penaltyAdded = set.penalty(r, set.warpVia(x, u, y), newLoad) - oldPenalty;
        if (optional && penaltyAdded > 1e-9) continue;
        const cost = added + penaltyAdded;
        if (cost < best) {
          best = cost;
          bestAfter = x;
        }
      }
    }
    if (bestAfter < 0 || best >= prize[u]) continue;
    const route = set.routeOf[bestAfter];
    set.insertAfter(u, bestAfter);
    set.update(route);
    touched(route);
  }
}

function sortClients(set: RouteSet, random: Random, clients: Int32Array, count: number, keys: Float64Array): void {
  let pick = random.next() * ORDER_TOTAL;
  let kind: (typeof ORDERS)[number]["kind"] = "random";
  for (const order of ORDERS) {
    pick -= order.weight;
    if (pick < 0) {
      kind = order.kind;
      break;
    }
  }
  const depot = set.nodes[0][0];
  for (let i = 0; i < count; i++) {
    const u = clients[i];
    switch (kind) {
      case "random":
        keys[u] = random.next();
        break;
      case "demand":
        keys[u] = -set.demand[u] + random.next() * 1e-6;
        break;
      case "far":
        keys[u] = -set.d(depot, u);
        break;
      case "close":
        keys[u] = set.d(depot, u);
        break;
      case "due":
        keys[u] = set.due[u];
        break;
    }
  }
  // Insertion sort: the lists are short (tens of clients).
  for (let i = 1; i < count; i++) {
    const u = clients[i];
    const key = keys[u];
    let j = i - 1;
    while (j >= 0 && keys[clients[j]] > key) {
      clients[j + 1] = clients[j];
      j--;
    }
    clients[j + 1] = u;
  }
}
