import type { VrpInstance } from "@/lib/engine/vrp/instance";

export interface SolomonInstance {
  name: string;
  instance: VrpInstance;
  /** Coordinates of the depot (index 0) and the customers, for drawing. */
  x: Float64Array;
  y: Float64Array;
}

/**
 * Read a routing problem in Solomon's text format: a name line, the vehicle
 * count and capacity, then one row per place (`CUST NO, XCOORD, YCOORD, DEMAND,
 * READY TIME, DUE DATE, SERVICE TIME`), row 0 being the depot. Travel time and
 * distance are the exact Euclidean distance; every customer must be served.
 *
 * @example
 * const { instance } = parseSolomon(readFileSync("C101.txt", "utf8"));
 * instance.clientCount // 100
 */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const name = lines.find((line) => line.length > 0) ?? "";
  const vehicleHeader = lines.findIndex((line) => /^NUMBER\s+CAPACITY/i.test(line));
  if (vehicleHeader < 0) throw new Error("Solomon file: no VEHICLE NUMBER/CAPACITY section");
  const fleet = lines.slice(vehicleHeader + 1).find((line) => line.length > 0);
  const [vehicleCount, capacity] = (fleet ?? "").split(/\s+/).map(Number);
  if (!(vehicleCount > 0) || !(capacity > 0)) throw new Error("Solomon file: bad vehicle count or capacity");
  const customerHeader = lines.findIndex((line) => /^CUST\s+NO/i.test(line));
  if (customerHeader < 0) throw new Error("Solomon file: no CUSTOMER section");
  const rows: number[][] = [];
  for (const line of lines.slice(customerHeader + 1)) {
    if (line.length === 0) continue;
    const row = line.split(/\s+/).map(Number);
    if (row.length < 7 || row.some((value) => !Number.isFinite(value))) {
      throw new Error(`Solomon file: cannot read the row "${line}"`);
    }
    rows.push(row);
  }
  if (rows.length < 2) throw new Error("Solomon file: needs a depot and at least one customer");
  const m = rows.length;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  rows.forEach((row, i) => {
    x[i] = row[1];
    y[i] = row[2];
  });
  const distance = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) distance[i * m + j] = Math.hypot(x[i] - x[j], y[i] - y[j]);
  }
  const c = m - 1;
  const clients = rows.slice(1);
  const depot = rows[0];
  const instance: VrpInstance = {
    clientCount: c,
    vehicleCount,
    locationCount: m,
    distance,
    duration: distance,
    clientLocation: Int32Array.from(clients, (_, i) => i + 1),
    serviceTime: Float64Array.from(clients, (row) => row[6]),
    readyTime: Float64Array.from(clients, (row) => row[4]),
    dueTime: Float64Array.from(clients, (row) => row[5]),
    demand: Float64Array.from(clients, (row) => row[3]),
    prize: new Float64Array(c).fill(Infinity),
    vehicleStart: new Int32Array(vehicleCount),
    vehicleEnd: new Int32Array(vehicleCount),
    shiftStart: new Float64Array(vehicleCount).fill(depot[4]),
    shiftEnd: new Float64Array(vehicleCount).fill(depot[5]),
    capacity: new Float64Array(vehicleCount).fill(capacity),
    pinnedVehicle: new Int32Array(c).fill(-1),
    allowed: null,
  };
  return { name, instance, x, y };
}
