import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { geocodeAddress } from "@/lib/geo/geocoder";

/** A local Nominatim stand-in: answers /search from a small table and records each request. */
let server: Server;
let base = "";
const seen: URLSearchParams[] = [];
const headers: IncomingMessage["headers"][] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    seen.push(url.searchParams);
    headers.push(req.headers);
    const street = url.searchParams.get("street") ?? "";
    if (url.pathname !== "/search") {
      res.writeHead(404).end();
    } else if (street.startsWith("500 broken")) {
      res.writeHead(503, { "content-type": "text/plain" }).end("overloaded");
    } else if (street.startsWith("233 S Wacker")) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify([
          { lat: "41.8788764", lon: "-87.6359149", display_name: "Willis Tower, 233, South Wacker Drive, Chicago, Illinois, 60606, United States", place_rank: 30 },
        ]),
      );
    } else if (street.startsWith("1 Vague")) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify([{ lat: "47.61", lon: "-122.33", display_name: "Seattle, King County, Washington, United States", place_rank: 16 }]),
      );
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("with a Nominatim-compatible service", () => {
  test("returns the service's point and label for a street address", async () => {
    const result = await geocodeAddress({ line1: "233 S Wacker Dr", city: "Chicago", postalCode: "60606", country: "US" }, { url: base });
    expect(result).toEqual({
      ok: true,
      lat: 41.878876,
      lng: -87.635915,
      approximate: false,
      label: "Willis Tower, 233, South Wacker Drive, Chicago, Illinois, 60606, United States",
      source: "geocoder",
    });
    const params = seen.at(-1);
    expect(params?.get("format")).toBe("jsonv2");
    expect(params?.get("street")).toBe("233 S Wacker Dr");
    expect(params?.get("city")).toBe("Chicago");
    expect(params?.get("postalcode")).toBe("60606");
    expect(params?.get("countrycodes")).toBe("us");
    expect(headers.at(-1)?.["user-agent"]).toMatch(/Crewboard/);
  });

  test("a city-level match is flagged approximate", async () => {
    const result = await geocodeAddress({ line1: "1 Vague Way", city: "Seattle" }, { url: `${base}/` });
    expect(result).toMatchObject({ ok: true, approximate: true, source: "geocoder" });
  });

  test("an unknown street falls back to the postal-code centre, saying so", async () => {
    const result = await geocodeAddress({ line1: "99 Nowhere Ln", postalCode: "98101" }, { url: base });
    expect(result).toMatchObject({ ok: true, approximate: true, source: "postal-code", label: "ZIP 98101, Seattle, WA (centre)" });
    expect(result.ok && result.note).toMatch(/did not know this street/);
  });

  test("a failing service falls back to the postal-code centre with the reason", async () => {
    const result = await geocodeAddress({ line1: "500 broken St", postalCode: "60601" }, { url: base });
    expect(result).toMatchObject({ ok: true, approximate: true, lat: 41.8858, lng: -87.6181 });
    expect(result.ok && result.note).toMatch(/could not be reached \(HTTP 503\)/);
  });

  test("an unreachable service falls back too", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await geocodeAddress({ line1: "1 Main St", postalCode: "60601" }, { url: `http://127.0.0.1:${port}` });
    expect(result).toMatchObject({ ok: true, approximate: true, source: "postal-code" });
    expect(result.ok && result.note).toMatch(/ECONNREFUSED/);
  });

  test("nothing known anywhere is a clear not-found", async () => {
    const result = await geocodeAddress({ line1: "99 Nowhere Ln", city: "Atlantis" }, { url: base });
    expect(result).toEqual({ ok: false, code: "not_found", message: 'Address not found: "99 Nowhere Ln, Atlantis". Check the street, city and postal code.' });
  });
});

describe("offline (no GEOCODER_URL)", () => {
  test.each([
    [{ line1: "233 S Wacker Dr", postalCode: "60606" }, "ZIP 60606, Chicago, IL (centre)"],
    [{ line1: "233 S Wacker Dr, Chicago, IL 60606-1234" }, "ZIP 60606, Chicago, IL (centre)"],
    [{ line1: "400 Broad St", city: "Seattle", region: "WA" }, "Seattle, WA (city centre)"],
    [{ line1: "100 Queen St W", postalCode: "M5H 2N2", country: "CA" }, "Postal area M5H, Downtown Toronto (Richmond / Adelaide / King), Ontario (centre)"],
  ])("%o → %s", async (query, label) => {
    const result = await geocodeAddress(query, { url: null });
    expect(result).toMatchObject({ ok: true, approximate: true, source: "postal-code", label });
  });

  test("a city shared by several states needs the state", async () => {
    const result = await geocodeAddress({ line1: "1 Main St", city: "Springfield" }, { url: null });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/add a postal code/);
  });

  test("countries without a centroid table are not guessed", async () => {
    expect((await geocodeAddress({ line1: "Hauptstr. 1", postalCode: "10115", country: "DE" }, { url: null })).ok).toBe(false);
  });

  test("an empty address is refused before any lookup", async () => {
    expect(await geocodeAddress({ line1: "  " }, { url: null })).toEqual({
      ok: false,
      code: "invalid",
      message: "Enter a street address, a city or a postal code.",
    });
  });
});
