import { emptySegment, mergeSegments } from "@/lib/engine/vrp/duration-segment";
import type { VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";

/**
 * The solver's working solution: every vehicle's route as an array of node
 * ids, with cached prefix and suffix data on every node so a move is priced in
 * O(1) by joining them (see duration-segment.ts).
 *
 * Node ids: clients are 0..C-1; route r starts at node C+2r and ends at node
 * C+2r+1 (its vehicle's start and end place). `routeOf` is -1 for an unplaced
 * client. Mutations (`remove`, `insertAfter`, …) leave caches stale until
 * `update(route)` is called, so a move touching two routes updates each once.
 */
export class RouteSet {
  readonly instance: VrpInstance;
  readonly clientCount: number;
  readonly vehicleCount: number;
  readonly nodeCount: number;
  readonly locations: number;
  /** Node-to-node distance and duration, `a * nodeCount + b` (no place lookup in hot loops). */
  readonly dist: Float64Array;
  readonly time: Float64Array;
  /** Per node: place, service time, window, demand. */
  readonly loc: Int32Array;
  readonly service: Float64Array;
  readonly ready: Float64Array;
  readonly due: Float64Array;
  readonly demand: Float64Array;
  readonly pinned: Uint8Array;
  /**
   * Stops made in place (breaks): their column of the node matrices is zero and
   * their row is the row of the stop before them, refreshed by `update`. A move
   * that changes what precedes such a stop is priced with the row as it was;
   * `update` makes the route's totals exact again, and local search checks
   * such moves once applied (local-search.ts).
   */
  readonly inPlace: Uint8Array | null;
  /** True when every vehicle ends at the same place with the same latest return. */
  readonly sameEnds: boolean;
  readonly symmetric: boolean;

  readonly nodes: Int32Array[];
  readonly size: Int32Array;
  readonly routeOf: Int32Array;
  readonly pos: Int32Array;

  /** Prefix: from the route's start to this node, inclusive. */
  readonly fDur: Float64Array;
  readonly fWarp: Float64Array;
  readonly fEarly: Float64Array;
  readonly fLate: Float64Array;
  readonly fDist: Float64Array;
  readonly fLoad: Float64Array;
  readonly fPinned: Int32Array;
  /** Suffix: from this node to the route's end, inclusive. */
  readonly bDur: Float64Array;
  readonly bWarp: Float64Array;
  readonly bEarly: Float64Array;
  readonly bLate: Float64Array;
  readonly bDist: Float64Array;

  readonly routeDist: Float64Array;
  readonly routeWarp: Float64Array;
  readonly routeLoad: Float64Array;
  readonly capacity: Float64Array;

  /** Penalty weights of the penalised objective (change them with `setWeights`). */
  warpWeight = 1;
  loadWeight = 1;
  /** Each route's penalty under the current weights. */
  readonly routePen: Float64Array;

  private readonly scratch = emptySegment();

  constructor(instance: VrpInstance) {
    this.instance = instance;
    const c = instance.clientCount;
    const v = instance.vehicleCount;
    const n = c + 2 * v;
    this.clientCount = c;
    this.vehicleCount = v;
    this.nodeCount = n;
    this.locations = instance.locationCount;
    this.loc = new Int32Array(n);
    this.service = new Float64Array(n);
    this.ready = new Float64Array(n);
    this.due = new Float64Array(n);
    this.demand = new Float64Array(n);
    this.pinned = new Uint8Array(n);
    for (let i = 0; i < c; i++) {
      this.loc[i] = instance.clientLocation[i];
      this.service[i] = instance.serviceTime[i];
      this.ready[i] = instance.readyTime[i];
      this.due[i] = instance.dueTime[i];
      this.demand[i] = instance.demand[i];
      this.pinned[i] = instance.pinnedVehicle[i] >= 0 ? 1 : 0;
    }
    this.nodes = [];
    let sameEnds = true;
    for (let r = 0; r < v; r++) {
      const start = c + 2 * r;
      const end = start + 1;
      this.loc[start] = instance.vehicleStart[r];
      this.loc[end] = instance.vehicleEnd[r];
      for (const node of [start, end]) {
        this.ready[node] = instance.shiftStart[r];
        this.due[node] = instance.shiftEnd[r];
      }
      const route = new Int32Array(c + 2);
      route[0] = start;
      route[1] = end;
      this.nodes.push(route);
      if (instance.vehicleEnd[r] !== instance.vehicleEnd[0] || instance.shiftEnd[r] !== instance.shiftEnd[0]) {
        sameEnds = false;
      }
    }
    this.sameEnds = sameEnds;
    let anyInPlace = false;
    if (instance.inPlace) for (let i = 0; i < c; i++) if (instance.inPlace[i] === 1) anyInPlace = true;
    this.inPlace = anyInPlace ? new Uint8Array(n) : null;
    if (this.inPlace && instance.inPlace) this.inPlace.set(instance.inPlace);
    const m = this.locations;
    this.dist = new Float64Array(n * n);
    this.time = instance.duration === instance.distance ? this.dist : new Float64Array(n * n);
    let symmetric = true;
    for (let a = 0; a < n; a++) {
      const from = this.loc[a] * m;
      for (let b = 0; b < n; b++) {
        const free = this.inPlace !== null && this.inPlace[b] === 1;
        this.dist[a * n + b] = free ? 0 : instance.distance[from + this.loc[b]];
        if (this.time !== this.dist) this.time[a * n + b] = free ? 0 : instance.duration[from + this.loc[b]];
      }
    }
    for (let i = 0; i < m && symmetric; i++) {
      for (let j = i + 1; j < m; j++) {
        if (instance.distance[i * m + j] !== instance.distance[j * m + i]) {
          symmetric = false;
          break;
        }
      }
    }
    this.symmetric = symmetric;
    this.size = new Int32Array(v);
    this.routeOf = new Int32Array(n).fill(-1);
    this.pos = new Int32Array(n);
    this.fDur = new Float64Array(n);
    this.fWarp = new Float64Array(n);
    this.fEarly = new Float64Array(n);
    this.fLate = new Float64Array(n);
    this.fDist = new Float64Array(n);
    this.fLoad = new Float64Array(n);
    this.fPinned = new Int32Array(n);
    this.bDur = new Float64Array(n);
    this.bWarp = new Float64Array(n);
    this.bEarly = new Float64Array(n);
    this.bLate = new Float64Array(n);
    this.bDist = new Float64Array(n);
    this.routeDist = new Float64Array(v);
    this.routeWarp = new Float64Array(v);
    this.routeLoad = new Float64Array(v);
    this.capacity = instance.capacity;
    this.routePen = new Float64Array(v);
    for (let r = 0; r < v; r++) this.update(r);
  }

  /** May vehicle `route` serve `client`? */
  allowed(client: number, route: number): boolean {
    const allowed = this.instance.allowed;
    if (allowed !== null && allowed[client * this.vehicleCount + route] === 0) return false;
    const pin = this.instance.pinnedVehicle[client];
    return pin < 0 || pin === route;
  }

  prev(node: number): number {
    return this.nodes[this.routeOf[node]][this.pos[node] - 1];
  }

  next(node: number): number {
    return this.nodes[this.routeOf[node]][this.pos[node] + 1];
  }

  d(a: number, b: number): number {
    return this.dist[a * this.nodeCount + b];
  }

  t(a: number, b: number): number {
    return this.time[a * this.nodeCount + b];
  }

  /** The penalty part of a route's cost for a given time warp and load. */
  penalty(route: number, warp: number, load: number): number {
    const over = load - this.capacity[route];
    return this.warpWeight * warp + (over > 0 ? this.loadWeight * over : 0);
  }

  /** Distance plus penalties of a route as it stands. */
  routeCost(route: number): number {
    return this.routeDist[route] + this.penalty(route, this.routeWarp[route], this.routeLoad[route]);
  }

  routePenalty(route: number): number {
    return this.routePen[route];
  }

  /** Change the penalty weights (route penalties follow). */
  setWeights(warpWeight: number, loadWeight: number): void {
    this.warpWeight = warpWeight;
    this.loadWeight = loadWeight;
    for (let r = 0; r < this.vehicleCount; r++) this.routePen[r] = this.penalty(r, this.routeWarp[r], this.routeLoad[r]);
  }

  /** Time warp of prefix(x) joined straight to suffix(y). */
  warpJoin(x: number, y: number): number {
    const s = this.scratch;
    mergeSegments(s, this.fDur[x], this.fWarp[x], this.fEarly[x], this.fLate[x], this.t(x, y),
      this.bDur[y], this.bWarp[y], this.bEarly[y], this.bLate[y]);
    return s.timeWarp;
  }

  /** Time warp of prefix(x), then client u, then suffix(y). */
  warpVia(x: number, u: number, y: number): number {
    const s = this.scratch;
    mergeSegments(s, this.fDur[x], this.fWarp[x], this.fEarly[x], this.fLate[x], this.t(x, u),
      this.service[u], 0, this.ready[u], this.due[u]);
    mergeSegments(s, s.duration, s.timeWarp, s.early, s.late, this.t(u, y),
      this.bDur[y], this.bWarp[y], this.bEarly[y], this.bLate[y]);
    return s.timeWarp;
  }

  /** Time warp of prefix(x), then u1, u2, then suffix(y). */
  warpVia2(x: number, u1: number, u2: number, y: number): number {
    const s = this.scratch;
    mergeSegments(s, this.fDur[x], this.fWarp[x], this.fEarly[x], this.fLate[x], this.t(x, u1),
      this.service[u1], 0, this.ready[u1], this.due[u1]);
    mergeSegments(s, s.duration, s.timeWarp, s.early, s.late, this.t(u1, u2),
      this.service[u2], 0, this.ready[u2], this.due[u2]);
    mergeSegments(s, s.duration, s.timeWarp, s.early, s.late, this.t(u2, y),
      this.bDur[y], this.bWarp[y], this.bEarly[y], this.bLate[y]);
    return s.timeWarp;
  }

  /**
   * Time warp of an explicit order: prefix(first), then `middle[0..count)`
   * visited in turn, then suffix(last). For moves inside one route, where the
   * stops between the two ends change order or place.
   */
  warpThrough(first: number, middle: Int32Array, count: number, last: number): number {
    const s = this.scratch;
    s.duration = this.fDur[first];
    s.timeWarp = this.fWarp[first];
    s.early = this.fEarly[first];
    s.late = this.fLate[first];
    let at = first;
    for (let k = 0; k < count; k++) {
      const u = middle[k];
      mergeSegments(s, s.duration, s.timeWarp, s.early, s.late, this.t(at, u),
        this.service[u], 0, this.ready[u], this.due[u]);
      at = u;
    }
    mergeSegments(s, s.duration, s.timeWarp, s.early, s.late, this.t(at, last),
      this.bDur[last], this.bWarp[last], this.bEarly[last], this.bLate[last]);
    return s.timeWarp;
  }

  /** Recompute the caches of one route after it changed. */
  update(route: number): void {
    const ns = this.nodes[route];
    const n = this.size[route];
    let x = ns[0];
    this.routeOf[x] = route;
    this.pos[x] = 0;
    this.fDur[x] = 0;
    this.fWarp[x] = 0;
    this.fEarly[x] = this.ready[x];
    this.fLate[x] = this.due[x];
    this.fDist[x] = 0;
    this.fLoad[x] = 0;
    this.fPinned[x] = 0;
    const s = this.scratch;
    for (let k = 1; k <= n + 1; k++) {
      const y = ns[k];
      if (this.inPlace !== null && this.inPlace[y] === 1) this.takeRowOf(y, x);
      this.routeOf[y] = route;
      this.pos[y] = k;
      mergeSegments(s, this.fDur[x], this.fWarp[x], this.fEarly[x], this.fLate[x], this.t(x, y),
        this.service[y], 0, this.ready[y], this.due[y]);
      this.fDur[y] = s.duration;
      this.fWarp[y] = s.timeWarp;
      this.fEarly[y] = s.early;
      this.fLate[y] = s.late;
      this.fDist[y] = this.fDist[x] + this.d(x, y);
      this.fLoad[y] = this.fLoad[x] + this.demand[y];
      this.fPinned[y] = this.fPinned[x] + this.pinned[y];
      x = y;
    }
    this.bDur[x] = 0;
    this.bWarp[x] = 0;
    this.bEarly[x] = this.ready[x];
    this.bLate[x] = this.due[x];
    this.bDist[x] = 0;
    for (let k = n; k >= 0; k--) {
      const y = ns[k];
      mergeSegments(s, this.service[y], 0, this.ready[y], this.due[y], this.t(y, x),
        this.bDur[x], this.bWarp[x], this.bEarly[x], this.bLate[x]);
      this.bDur[y] = s.duration;
      this.bWarp[y] = s.timeWarp;
      this.bEarly[y] = s.early;
      this.bLate[y] = s.late;
      this.bDist[y] = this.bDist[x] + this.d(y, x);
      x = y;
    }
    const end = ns[n + 1];
    this.routeDist[route] = this.fDist[end];
    this.routeWarp[route] = this.fWarp[end];
    this.routeLoad[route] = this.fLoad[end];
    this.routePen[route] = this.penalty(route, this.routeWarp[route], this.routeLoad[route]);
  }

  /** A stop made in place leaves from where `before` is: copy its legs out. */
  private takeRowOf(node: number, before: number): void {
    const n = this.nodeCount;
    this.dist.copyWithin(node * n, before * n, before * n + n);
    if (this.time !== this.dist) this.time.copyWithin(node * n, before * n, before * n + n);
  }

  /** Take a client out of its route (caches stale until `update`). */
  remove(u: number): void {
    const route = this.routeOf[u];
    const ns = this.nodes[route];
    const p = this.pos[u];
    const n = this.size[route];
    ns.copyWithin(p, p + 1, n + 2);
    this.size[route] = n - 1;
    for (let k = p; k <= n; k++) this.pos[ns[k]] = k;
    this.routeOf[u] = -1;
  }

  /** Put client u right after node x (caches stale until `update`). */
  insertAfter(u: number, x: number): void {
    const route = this.routeOf[x];
    const ns = this.nodes[route];
    const p = this.pos[x] + 1;
    const n = this.size[route];
    ns.copyWithin(p + 1, p, n + 2);
    ns[p] = u;
    this.size[route] = n + 1;
    for (let k = p; k <= n + 2; k++) this.pos[ns[k]] = k;
    this.routeOf[u] = route;
  }

  /** Exchange the places of two clients (caches stale until `update`). */
  swap(u: number, v: number): void {
    const ru = this.routeOf[u];
    const rv = this.routeOf[v];
    const pu = this.pos[u];
    const pv = this.pos[v];
    this.nodes[ru][pu] = v;
    this.nodes[rv][pv] = u;
    this.routeOf[u] = rv;
    this.routeOf[v] = ru;
    this.pos[u] = pv;
    this.pos[v] = pu;
  }

  /**
   * Exchange tails: route of u keeps its stops up to u and then takes the stops
   * after v; route of v keeps its stops up to v and takes those after u.
   */
  swapTails(u: number, v: number, buffer: Int32Array): void {
    const ru = this.routeOf[u];
    const rv = this.routeOf[v];
    const a = this.nodes[ru];
    const b = this.nodes[rv];
    const pu = this.pos[u];
    const pv = this.pos[v];
    const nu = this.size[ru];
    const nv = this.size[rv];
    const tailU = nu - pu; // clients after u
    const tailV = nv - pv;
    buffer.set(a.subarray(pu + 1, pu + 1 + tailU), 0);
    const endU = a[nu + 1];
    const endV = b[nv + 1];
    a.set(b.subarray(pv + 1, pv + 1 + tailV), pu + 1);
    a[pu + 1 + tailV] = endU;
    b.set(buffer.subarray(0, tailU), pv + 1);
    b[pv + 1 + tailU] = endV;
    this.size[ru] = pu + tailV;
    this.size[rv] = pv + tailU;
    for (let k = pu + 1; k <= this.size[ru] + 1; k++) {
      this.routeOf[a[k]] = ru;
      this.pos[a[k]] = k;
    }
    for (let k = pv + 1; k <= this.size[rv] + 1; k++) {
      this.routeOf[b[k]] = rv;
      this.pos[b[k]] = k;
    }
  }

  /** Reverse the stops at positions from..to (inclusive) of a route. */
  reverse(route: number, from: number, to: number): void {
    const ns = this.nodes[route];
    for (let i = from, j = to; i < j; i++, j--) {
      const tmp = ns[i];
      ns[i] = ns[j];
      ns[j] = tmp;
    }
    for (let k = from; k <= to; k++) this.pos[ns[k]] = k;
  }

  /** Distance over all routes. */
  totalDistance(): number {
    let total = 0;
    for (let r = 0; r < this.vehicleCount; r++) total += this.routeDist[r];
    return total;
  }

  totalWarp(): number {
    let total = 0;
    for (let r = 0; r < this.vehicleCount; r++) total += this.routeWarp[r];
    return total;
  }

  totalExcessLoad(): number {
    let total = 0;
    for (let r = 0; r < this.vehicleCount; r++) total += Math.max(0, this.routeLoad[r] - this.capacity[r]);
    return total;
  }

  /** Prize lost on clients left unplaced (Infinity when a required one is). */
  unplacedCost(): number {
    let total = 0;
    for (let i = 0; i < this.clientCount; i++) if (this.routeOf[i] < 0) total += this.instance.prize[i];
    return total;
  }

  /** No time warp and no overload (unplaced clients aside). */
  isFeasible(): boolean {
    for (let r = 0; r < this.vehicleCount; r++) {
      if (this.routeWarp[r] > 1e-9 || this.routeLoad[r] > this.capacity[r] + 1e-9) return false;
    }
    return true;
  }

  /** Penalised objective: distance, penalties and lost prizes. */
  penalisedCost(): number {
    let total = 0;
    for (let r = 0; r < this.vehicleCount; r++) total += this.routeCost(r);
    return total + this.unplacedCost();
  }

  /** Penalised objective under other weights (this set's own stay as they are). */
  penalisedCostWith(warpWeight: number, loadWeight: number): number {
    let total = this.unplacedCost();
    for (let r = 0; r < this.vehicleCount; r++) {
      total += this.routeDist[r] + warpWeight * this.routeWarp[r] + loadWeight * Math.max(0, this.routeLoad[r] - this.capacity[r]);
    }
    return total;
  }

  /** Replace the whole solution (every route is rebuilt). */
  load(solution: VrpSolution): void {
    for (let i = 0; i < this.clientCount; i++) this.routeOf[i] = -1;
    for (let r = 0; r < this.vehicleCount; r++) {
      const ns = this.nodes[r];
      const route = solution.routes[r] ?? [];
      const start = this.clientCount + 2 * r;
      ns[0] = start;
      for (let k = 0; k < route.length; k++) ns[k + 1] = route[k];
      ns[route.length + 1] = start + 1;
      this.size[r] = route.length;
      this.update(r);
    }
  }

  /**
   * Make the listed routes (`routes[0..count)`) what they are in `from`, a
   * route set of the same instance, e.g. to take back a rejected change. The
   * clients they hold now are released first, so one that moved between two
   * listed routes ends up where `from` has it.
   */
  restoreRoutes(from: RouteSet, routes: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const r = routes[i];
      const mine = this.nodes[r];
      for (let k = 1; k <= this.size[r]; k++) this.routeOf[mine[k]] = -1;
    }
    for (let i = 0; i < count; i++) {
      const r = routes[i];
      const n = from.size[r];
      this.nodes[r].set(from.nodes[r].subarray(0, n + 2));
      this.size[r] = n;
      this.update(r);
    }
  }

  /**
   * Like `restoreRoutes`, but for a set that only keeps solutions (the current
   * or best one of a search): takes the order and the route totals from `from`
   * without rebuilding the per-node caches, which such a set never reads.
   */
  adoptRoutes(from: RouteSet, routes: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const r = routes[i];
      const mine = this.nodes[r];
      for (let k = 1; k <= this.size[r]; k++) this.routeOf[mine[k]] = -1;
    }
    for (let i = 0; i < count; i++) {
      const r = routes[i];
      const n = from.size[r];
      const mine = this.nodes[r];
      mine.set(from.nodes[r].subarray(0, n + 2));
      this.size[r] = n;
      for (let k = 1; k <= n; k++) this.routeOf[mine[k]] = r;
      this.routeDist[r] = from.routeDist[r];
      this.routeWarp[r] = from.routeWarp[r];
      this.routeLoad[r] = from.routeLoad[r];
    }
  }

  /** Copy every route (and with them which clients are unplaced). */
  copyFrom(from: RouteSet): void {
    for (let r = 0; r < this.vehicleCount; r++) {
      const n = from.size[r];
      this.nodes[r].set(from.nodes[r].subarray(0, n + 2));
      this.size[r] = n;
    }
    this.routeOf.set(from.routeOf);
    for (let r = 0; r < this.vehicleCount; r++) this.update(r);
  }

  solution(): VrpSolution {
    const routes: number[][] = [];
    for (let r = 0; r < this.vehicleCount; r++) {
      routes.push(Array.from(this.nodes[r].subarray(1, this.size[r] + 1)));
    }
    const unassigned: number[] = [];
    for (let i = 0; i < this.clientCount; i++) if (this.routeOf[i] < 0) unassigned.push(i);
    return { routes, unassigned };
  }
}
