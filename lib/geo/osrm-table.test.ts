import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { travelTable } from "@/lib/engine/test-fixtures";
import { roadTravel } from "@/lib/geo/osrm-table";

// A local OSRM-style `table` service on 127.0.0.1 whose answer each test chooses.
let server: Server;
let answer: (url: string) => { status: number; body: string } | "hang";
const requests: string[] = [];
// ports of their own (0: the system picks), so test runs side by side on one machine never meet
let base = "";
let nobody = "";
const listen = (s: Server) =>
  new Promise<number>((resolve, reject) => s.once("error", reject).listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
beforeAll(async () => {
  // a port nothing listens on: taken, then given back
  const probe = createServer();
  nobody = `http://127.0.0.1:${await listen(probe)}`;
  await new Promise((resolve) => probe.close(resolve));
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const a = answer(req.url ?? "");
    if (a === "hang") return;
    res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
  });
  base = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

const points = new Map([
  ["home:ana", { lat: 41.88, lng: -87.63 }],
  ["job:a", { lat: 41.9, lng: -87.65 }],
  ["job:b", { lat: 41.85, lng: -87.6 }],
]);
const estimate = travelTable({}, 99);
const ok = (durations: (number | null)[][]) => ({ status: 200, body: JSON.stringify({ code: "Ok", durations }) });

describe("roadTravel", () => {
  it("asks the table service once for every place and reads minutes (plus the buffer) from its durations", async () => {
    requests.length = 0;
    answer = () => ok([[0, 600, 1210], [610, 0, 300], [1200, 290, 0]]);
    const road = await roadTravel(points, estimate, { baseUrl: `${base}/`, bufferMin: 5 });
    expect(requests).toEqual(["/table/v1/driving/-87.630000,41.880000;-87.650000,41.900000;-87.600000,41.850000?annotations=duration"]);
    expect(road.source).toBe("road");
    expect(road.travel.minutes("home:ana", "job:a")).toBe(15);
    expect(road.travel.minutes("job:a", "home:ana")).toBe(16);
    expect(road.travel.minutes("home:ana", "job:b")).toBe(26);
    expect(road.note).toBe("Travel from the road network (3 places)");
  });

  it("uses the estimate for drives the service cannot route, and says how many", async () => {
    answer = () => ok([[0, null, 60], [60, 0, 60], [60, 60, 0]]);
    const road = await roadTravel(points, estimate, { baseUrl: base, bufferMin: 0 });
    expect(road.travel.minutes("home:ana", "job:a")).toBe(99);
    expect(road.travel.minutes("job:a", "home:ana")).toBe(1);
    expect(road.note).toContain("1 drives it cannot route are the company's estimate");
  });

  it.each([
    ["an error status", () => ({ status: 502, body: "bad gateway" }), "answered 502"],
    ["a refusal", () => ({ status: 200, body: JSON.stringify({ code: "InvalidQuery", message: "Query string malformed" }) }), "refused the request (InvalidQuery: Query string malformed)"],
    ["a matrix of the wrong size", () => ok([[0, 1], [1, 0]]), "sent a matrix that is not 3×3"],
    ["no answer in time", () => "hang" as const, "did not answer in time"],
  ])("falls back to the company's estimate on %s, and says why", async (_, reply, why) => {
    answer = reply;
    const road = await roadTravel(points, estimate, { baseUrl: base, bufferMin: 5, timeoutMs: 300 });
    expect(road.source).toBe("estimate");
    expect(road.travel).toBe(estimate);
    expect(road.note).toBe(`Travel is the company's estimate: the road travel service ${why}`);
  });

  it("falls back when nothing listens there", async () => {
    const road = await roadTravel(points, estimate, { baseUrl: nobody, bufferMin: 5 });
    expect(road).toMatchObject({ source: "estimate", note: "Travel is the company's estimate: the road travel service could not be reached" });
  });

  it("uses the estimate when no service is configured", async () => {
    expect(await roadTravel(points, estimate, { baseUrl: undefined, bufferMin: 5 })).toMatchObject({ source: "estimate", travel: estimate });
  });
});
