import type { Random } from "@/lib/engine/random";
import type { RouteSet } from "@/lib/engine/vrp/route-set";

const EPS = 1e-7;
/** Far more passes than a run ever needs when every move is priced exactly. */
const MAX_PASSES = 1000;

/**
 * First-improvement local search on the penalised objective (distance plus
 * weighted time warp and overload) over granular neighbourhoods: for each
 * client u and each of its neighbours v it tries relocating u (alone or with
 * the client after it) next to v, swapping them, exchanging route tails (2-opt*), and inside one route
 * reversing the stretch between them (2-opt). Every move is priced in O(1)
 * from the route caches, except inside one route, where the stops between the
 * two ends are walked once the distance says the move could pay.
 *
 * Pairs whose routes have not changed since u was last examined are skipped
 * (the bookkeeping of hybrid genetic search), so after a small ruin and
 * recreate only the neighbourhood of what changed is searched again.
 */
export class LocalSearch {
  private readonly set: RouteSet;
  private readonly neighbours: Int32Array;
  private readonly neighbourCount: number;
  private readonly random: Random;
  private readonly whenTested: Float64Array;
  /** When each route last changed, on the move counter's clock. */
  readonly modified: Float64Array;
  private clock = 1;
  private readonly order: Int32Array;
  private readonly buffer: Int32Array;
  /** Two routes as they were before a move that is checked once applied (see `begin`). */
  private readonly keptA: Int32Array;
  private readonly keptB: Int32Array;
  private keptSizeA = 0;
  private keptSizeB = 0;
  private keptCost = 0;
  private kept = false;

  constructor(set: RouteSet, neighbours: Int32Array, neighbourCount: number, random: Random) {
    this.set = set;
    this.neighbours = neighbours;
    this.neighbourCount = neighbourCount;
    this.random = random;
    this.whenTested = new Float64Array(set.clientCount).fill(-1);
    this.modified = new Float64Array(set.vehicleCount);
    this.order = new Int32Array(set.clientCount);
    for (let i = 0; i < set.clientCount; i++) this.order[i] = i;
    this.buffer = new Int32Array(set.clientCount + 2);
    this.keptA = new Int32Array(set.clientCount + 2);
    this.keptB = new Int32Array(set.clientCount + 2);
  }

  /** Record that a route changed outside the search (ruin, recreate, undo). */
  touched(route: number): void {
    this.modified[route] = ++this.clock;
  }

  /** The move counter: routes with `modified` above a reading changed since. */
  clockValue(): number {
    return this.clock;
  }

  /** Forget what was examined, so the next run looks at every pair. */
  reset(): void {
    this.whenTested.fill(-1);
    this.modified.fill(++this.clock);
  }

  /**
   * Improve until no move pays. Returns the number of moves applied.
   */
  run(): number {
    const set = this.set;
    const order = this.order;
    const n = order.length;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.random.next() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    let applied = 0;
    let improved = true;
    // Every kept move lowers the penalised cost, so runs end; the bound only guards
    // against floating-point ties.
    let passes = 0;
    while (improved && passes++ < MAX_PASSES) {
      improved = false;
      for (let i = 0; i < n; i++) {
        const u = order[i];
        if (set.routeOf[u] < 0) continue;
        const lastTest = this.whenTested[u];
        this.whenTested[u] = this.clock;
        const base = u * this.neighbourCount;
        for (let k = 0; k < this.neighbourCount; k++) {
          const v = this.neighbours[base + k];
          const rv = set.routeOf[v];
          if (rv < 0) continue;
          const ru = set.routeOf[u];
          if (lastTest >= this.modified[ru] && lastTest >= this.modified[rv]) continue;
          if (this.tryPair(u, v, ru, rv)) {
            applied++;
            improved = true;
          }
        }
        const ru = set.routeOf[u];
        if (lastTest < this.modified[ru] && this.tryEmptyRoute(u)) {
          applied++;
          improved = true;
        }
      }
    }
    return applied;
  }

  private tryPair(u: number, v: number, ru: number, rv: number): boolean {
    const set = this.set;
    if (ru !== rv) {
      return (
        this.relocate(u, v) ||
        this.relocate(u, set.prev(v)) ||
        this.relocatePair(u, v) ||
        this.swap(u, v) ||
        this.swapTails(u, set.prev(v)) ||
        this.swapTails(set.prev(u), v)
      );
    }
    return (
      this.relocateInside(u, v) ||
      this.relocateInside(u, set.prev(v)) ||
      this.swapInside(u, v) ||
      this.reverseBetween(u, v)
    );
  }

  private applied(route: number): void {
    this.set.update(route);
    this.modified[route] = ++this.clock;
  }

  /**
   * Before a move changes routes a and b (a may equal b). Where one of them
   * holds a stop made in place (a break), the move was priced with the break's
   * legs as they stood, so keep the routes to check the move once applied.
   */
  private begin(a: number, b: number): void {
    const s = this.set;
    this.kept = false;
    if (s.inPlace === null || (!this.holdsInPlace(a) && !this.holdsInPlace(b))) return;
    this.kept = true;
    this.keptCost = s.routeCost(a) + (b !== a ? s.routeCost(b) : 0);
    this.keptA.set(s.nodes[a].subarray(0, s.size[a] + 2));
    this.keptSizeA = s.size[a];
    if (b !== a) {
      this.keptB.set(s.nodes[b].subarray(0, s.size[b] + 2));
      this.keptSizeB = s.size[b];
    }
  }

  /** After the move: update both routes; a checked move that does not pay after all is taken back. */
  private end(a: number, b: number): boolean {
    const s = this.set;
    this.applied(a);
    if (b !== a) this.applied(b);
    if (!this.kept) return true;
    const cost = s.routeCost(a) + (b !== a ? s.routeCost(b) : 0);
    if (cost < this.keptCost - EPS) return true;
    s.nodes[a].set(this.keptA.subarray(0, this.keptSizeA + 2));
    s.size[a] = this.keptSizeA;
    if (b !== a) {
      s.nodes[b].set(this.keptB.subarray(0, this.keptSizeB + 2));
      s.size[b] = this.keptSizeB;
      s.update(b);
    }
    s.update(a);
    return false;
  }

  private holdsInPlace(route: number): boolean {
    const s = this.set;
    const ns = s.nodes[route];
    for (let k = 1; k <= s.size[route]; k++) if (s.inPlace![ns[k]] === 1) return true;
    return false;
  }

  /** Move client u (to another route) right after node x. */
  private relocate(u: number, x: number): boolean {
    const s = this.set;
    if (s.pinned[u] === 1) return false;
    const ru = s.routeOf[u];
    const rx = s.routeOf[x];
    if (ru === rx || !s.allowed(u, rx)) return false;
    const pu = s.prev(u);
    const nu = s.next(u);
    const y = s.next(x);
    const oldPenalty = s.routePenalty(ru) + s.routePenalty(rx);
    const distDelta = s.d(pu, nu) - s.d(pu, u) - s.d(u, nu) + s.d(x, u) + s.d(u, y) - s.d(x, y);
    if (distDelta - oldPenalty >= -EPS) return false;
    const penaltyU = s.penalty(ru, s.warpJoin(pu, nu), s.routeLoad[ru] - s.demand[u]);
    if (distDelta + penaltyU - oldPenalty >= -EPS) return false;
    const penaltyX = s.penalty(rx, s.warpVia(x, u, y), s.routeLoad[rx] + s.demand[u]);
    if (distDelta + penaltyU + penaltyX - oldPenalty >= -EPS) return false;
    this.begin(ru, rx);
    s.remove(u);
    s.insertAfter(u, x);
    return this.end(ru, rx);
  }

  /** Move client u and the client after it, in that order, right after node x in another route. */
  private relocatePair(u: number, x: number): boolean {
    const s = this.set;
    const ru = s.routeOf[u];
    const rx = s.routeOf[x];
    if (ru === rx) return false;
    const nu = s.next(u);
    if (s.pos[nu] > s.size[ru] || s.pinned[u] === 1 || s.pinned[nu] === 1) return false;
    if (!s.allowed(u, rx) || !s.allowed(nu, rx)) return false;
    const pu = s.prev(u);
    const after = s.next(nu);
    const y = s.next(x);
    const oldPenalty = s.routePenalty(ru) + s.routePenalty(rx);
    const distDelta = s.d(pu, after) - s.d(pu, u) - s.d(nu, after) + s.d(x, u) + s.d(nu, y) - s.d(x, y);
    if (distDelta - oldPenalty >= -EPS) return false;
    const moved = s.demand[u] + s.demand[nu];
    const penaltyU = s.penalty(ru, s.warpJoin(pu, after), s.routeLoad[ru] - moved);
    if (distDelta + penaltyU - oldPenalty >= -EPS) return false;
    const penaltyX = s.penalty(rx, s.warpVia2(x, u, nu, y), s.routeLoad[rx] + moved);
    if (distDelta + penaltyU + penaltyX - oldPenalty >= -EPS) return false;
    this.begin(ru, rx);
    s.remove(nu);
    s.remove(u);
    s.insertAfter(u, x);
    s.insertAfter(nu, u);
    return this.end(ru, rx);
  }

  private swap(u: number, v: number): boolean {
    const s = this.set;
    if (s.pinned[u] === 1 || s.pinned[v] === 1) return false;
    const ru = s.routeOf[u];
    const rv = s.routeOf[v];
    if (!s.allowed(u, rv) || !s.allowed(v, ru)) return false;
    const pu = s.prev(u);
    const nu = s.next(u);
    const pv = s.prev(v);
    const nv = s.next(v);
    const oldPenalty = s.routePenalty(ru) + s.routePenalty(rv);
    const distDelta =
      s.d(pu, v) + s.d(v, nu) - s.d(pu, u) - s.d(u, nu) + s.d(pv, u) + s.d(u, nv) - s.d(pv, v) - s.d(v, nv);
    if (distDelta - oldPenalty >= -EPS) return false;
    const loadShift = s.demand[v] - s.demand[u];
    const penaltyU = s.penalty(ru, s.warpVia(pu, v, nu), s.routeLoad[ru] + loadShift);
    if (distDelta + penaltyU - oldPenalty >= -EPS) return false;
    const penaltyV = s.penalty(rv, s.warpVia(pv, u, nv), s.routeLoad[rv] - loadShift);
    if (distDelta + penaltyU + penaltyV - oldPenalty >= -EPS) return false;
    this.begin(ru, rv);
    s.swap(u, v);
    return this.end(ru, rv);
  }

  /** Whether every client in the tail after node x may ride in route r. */
  private tailMovable(x: number, r: number): boolean {
    const s = this.set;
    const rx = s.routeOf[x];
    const end = s.nodes[rx][s.size[rx] + 1];
    if (s.fPinned[end] - s.fPinned[x] > 0) return false;
    if (s.instance.allowed === null) return true;
    const ns = s.nodes[rx];
    for (let k = s.pos[x] + 1; k <= s.size[rx]; k++) if (!s.allowed(ns[k], r)) return false;
    return true;
  }

  /**
   * 2-opt*: x's route continues with the stops after y, and y's route with the
   * stops after x. x or y may be a route's start.
   */
  private swapTails(x: number, y: number): boolean {
    const s = this.set;
    const rx = s.routeOf[x];
    const ry = s.routeOf[y];
    if (rx === ry) return false;
    const nx = s.next(x);
    const ny = s.next(y);
    const endX = s.nodes[rx][s.size[rx] + 1];
    const endY = s.nodes[ry][s.size[ry] + 1];
    if (nx === endX && ny === endY) return false;
    if (s.pos[x] === 0 && s.pos[y] === 0) return false;
    const oldPenalty = s.routePenalty(rx) + s.routePenalty(ry);
    let distX: number;
    let distY: number;
    if (s.sameEnds) {
      distX = s.fDist[x] + s.d(x, ny) + s.bDist[ny];
      distY = s.fDist[y] + s.d(y, nx) + s.bDist[nx];
    } else {
      const lastX = s.nodes[rx][s.size[rx]];
      const lastY = s.nodes[ry][s.size[ry]];
      distX = s.fDist[x] + (ny === endY ? s.d(x, endX) : s.d(x, ny) + s.bDist[ny] - s.d(lastY, endY) + s.d(lastY, endX));
      distY = s.fDist[y] + (nx === endX ? s.d(y, endY) : s.d(y, nx) + s.bDist[nx] - s.d(lastX, endX) + s.d(lastX, endY));
    }
    const distDelta = distX + distY - s.routeDist[rx] - s.routeDist[ry];
    if (distDelta - oldPenalty >= -EPS) return false;
    if (!this.tailMovable(x, ry) || !this.tailMovable(y, rx)) return false;
    const loadX = s.fLoad[x] + s.routeLoad[ry] - s.fLoad[y];
    const loadY = s.fLoad[y] + s.routeLoad[rx] - s.fLoad[x];
    let warpX: number;
    let warpY: number;
    if (s.sameEnds) {
      warpX = s.warpJoin(x, ny);
      warpY = s.warpJoin(y, nx);
    } else {
      warpX = s.warpThrough(x, this.buffer, this.copyTail(y), endX);
      warpY = s.warpThrough(y, this.buffer, this.copyTail(x), endY);
    }
    const delta = distDelta + s.penalty(rx, warpX, loadX) + s.penalty(ry, warpY, loadY) - oldPenalty;
    if (delta >= -EPS) return false;
    this.begin(rx, ry);
    s.swapTails(x, y, this.buffer);
    return this.end(rx, ry);
  }

  /** Copy the clients after x into the buffer; returns how many. */
  private copyTail(x: number): number {
    const s = this.set;
    const r = s.routeOf[x];
    const ns = s.nodes[r];
    let count = 0;
    for (let k = s.pos[x] + 1; k <= s.size[r]; k++) this.buffer[count++] = ns[k];
    return count;
  }

  /** Move u right after x, both in the same route. */
  private relocateInside(u: number, x: number): boolean {
    const s = this.set;
    if (s.pinned[u] === 1 || x === u) return false;
    const pu = s.prev(u);
    if (x === pu) return false;
    const r = s.routeOf[u];
    const nu = s.next(u);
    const y = s.next(x);
    const oldWarpPenalty = s.warpWeight * s.routeWarp[r];
    const distDelta = s.d(pu, nu) - s.d(pu, u) - s.d(u, nu) + s.d(x, u) + s.d(u, y) - s.d(x, y);
    if (distDelta - oldWarpPenalty >= -EPS) return false;
    const ns = s.nodes[r];
    const buffer = this.buffer;
    let count = 0;
    let warp: number;
    if (s.pos[x] > s.pos[u]) {
      for (let k = s.pos[u] + 1; k <= s.pos[x]; k++) buffer[count++] = ns[k];
      buffer[count++] = u;
      warp = s.warpThrough(pu, buffer, count, y);
    } else {
      buffer[count++] = u;
      for (let k = s.pos[x] + 1; k < s.pos[u]; k++) buffer[count++] = ns[k];
      warp = s.warpThrough(x, buffer, count, nu);
    }
    if (distDelta + s.warpWeight * warp - oldWarpPenalty >= -EPS) return false;
    this.begin(r, r);
    s.remove(u);
    s.insertAfter(u, x);
    return this.end(r, r);
  }

  private swapInside(u: number, v: number): boolean {
    const s = this.set;
    if (s.pinned[u] === 1 || s.pinned[v] === 1) return false;
    const r = s.routeOf[u];
    const a = s.pos[u] < s.pos[v] ? u : v;
    const b = a === u ? v : u;
    const pa = s.prev(a);
    const na = s.next(a);
    const pb = s.prev(b);
    const nb = s.next(b);
    const oldWarpPenalty = s.warpWeight * s.routeWarp[r];
    let distDelta: number;
    if (na === b) {
      distDelta = s.d(pa, b) + s.d(b, a) + s.d(a, nb) - s.d(pa, a) - s.d(a, b) - s.d(b, nb);
    } else {
      distDelta = s.d(pa, b) + s.d(b, na) + s.d(pb, a) + s.d(a, nb) - s.d(pa, a) - s.d(a, na) - s.d(pb, b) - s.d(b, nb);
    }
    if (distDelta - oldWarpPenalty >= -EPS) return false;
    const ns = s.nodes[r];
    const buffer = this.buffer;
    let count = 0;
    buffer[count++] = b;
    for (let k = s.pos[a] + 1; k < s.pos[b]; k++) buffer[count++] = ns[k];
    buffer[count++] = a;
    const warp = s.warpThrough(pa, buffer, count, nb);
    if (distDelta + s.warpWeight * warp - oldWarpPenalty >= -EPS) return false;
    this.begin(r, r);
    s.swap(u, v);
    return this.end(r, r);
  }

  /** 2-opt inside a route: reverse the stops after the earlier of u, v up to the later. */
  private reverseBetween(u: number, v: number): boolean {
    const s = this.set;
    const a = s.pos[u] < s.pos[v] ? u : v;
    const b = a === u ? v : u;
    const r = s.routeOf[a];
    const from = s.pos[a] + 1;
    const to = s.pos[b];
    if (to - from < 1) return false;
    if (s.fPinned[b] - s.fPinned[a] > 0) return false;
    const na = s.next(a);
    const nb = s.next(b);
    const ns = s.nodes[r];
    let distDelta = s.d(a, b) + s.d(na, nb) - s.d(a, na) - s.d(b, nb);
    if (!s.symmetric) {
      for (let k = from; k < to; k++) distDelta += s.d(ns[k + 1], ns[k]) - s.d(ns[k], ns[k + 1]);
    }
    const oldWarpPenalty = s.warpWeight * s.routeWarp[r];
    if (distDelta - oldWarpPenalty >= -EPS) return false;
    const buffer = this.buffer;
    let count = 0;
    for (let k = to; k >= from; k--) buffer[count++] = ns[k];
    const warp = s.warpThrough(a, buffer, count, nb);
    if (distDelta + s.warpWeight * warp - oldWarpPenalty >= -EPS) return false;
    this.begin(r, r);
    s.reverse(r, from, to);
    return this.end(r, r);
  }

  /** Move u alone into the first empty route that may take it, if that pays. */
  private tryEmptyRoute(u: number): boolean {
    const s = this.set;
    if (s.pinned[u] === 1) return false;
    for (let r = 0; r < s.vehicleCount; r++) {
      if (s.size[r] !== 0 || !s.allowed(u, r)) continue;
      const ru = s.routeOf[u];
      const start = s.nodes[r][0];
      const end = s.nodes[r][1];
      const pu = s.prev(u);
      const nu = s.next(u);
      const oldPenalty = s.routePenalty(ru) + s.routePenalty(r);
      const distDelta = s.d(pu, nu) - s.d(pu, u) - s.d(u, nu) + s.d(start, u) + s.d(u, end);
      if (distDelta - oldPenalty >= -EPS) return false;
      const delta =
        distDelta +
        s.penalty(ru, s.warpJoin(pu, nu), s.routeLoad[ru] - s.demand[u]) +
        s.penalty(r, s.warpVia(start, u, end), s.demand[u]) -
        oldPenalty;
      if (delta >= -EPS) return false;
      this.begin(ru, r);
      s.remove(u);
      s.insertAfter(u, start);
      return this.end(ru, r);
    }
    return false;
  }
}
