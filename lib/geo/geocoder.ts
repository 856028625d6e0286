/**
 * One door for turning an address into coordinates.
 *
 * With GEOCODER_URL set, a Nominatim-compatible service (`/search?format=jsonv2`) is
 * asked first. Without one — or when it cannot be reached — the postal code (or the
 * city) is looked up in the offline ZIP/postal-code centroid table of the `zipcodes`
 * package (United States and Canada). A centroid is only near the address, so such a
 * result says `approximate: true` and travel shown from it is flagged as estimated.
 *
 * Server side: the centroid table is several megabytes and loaded on first use.
 */
import type * as ZipCodesModule from "zipcodes";

export interface AddressQuery {
  /** Street and number, e.g. "233 S Wacker Dr". */
  line1: string;
  city?: string | null;
  /** State or province ("IL", "Washington"). */
  region?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2 ("US", "CA"); default US. */
  country?: string | null;
}

export interface GeocodeFound {
  ok: true;
  lat: number;
  lng: number;
  /** True when the point is a postal-code or city centre rather than the address itself. */
  approximate: boolean;
  /** What was found, in words ("233 South Wacker Drive, Chicago, IL 60606" or "ZIP 60606, Chicago, IL (centre)"). */
  label: string;
  source: "geocoder" | "postal-code";
  /** Why a fallback was used, when one was (e.g. the geocoder was unreachable). */
  note?: string;
}

export interface GeocodeNotFound {
  ok: false;
  code: "not_found" | "invalid";
  /** A sentence for the person who typed the address. */
  message: string;
}

export type GeocodeResult = GeocodeFound | GeocodeNotFound;

export interface GeocodeOptions {
  /** Base URL of a Nominatim-compatible service; default `process.env.GEOCODER_URL`. Empty: offline only. */
  url?: string | null;
  /** Give up on the service after this long (default 5 s) and use the offline table. */
  timeoutMs?: number;
  /** Sent as User-Agent (Nominatim's usage policy asks for one). */
  userAgent?: string;
  /** Preferred result language (Accept-Language). */
  language?: string;
}

interface NominatimPlace {
  lat?: string;
  lon?: string;
  display_name?: string;
  place_rank?: number;
  addresstype?: string;
  type?: string;
}

const US_ZIP = /\b(\d{5})(?:-\d{4})?\b/;
const CA_POSTAL = /\b([A-Za-z]\d[A-Za-z])\s?\d[A-Za-z]\d\b/;

function clean(value: string | null | undefined): string {
  return (value ?? "").trim().replace(/\s+/g, " ");
}

/**
 * Coordinates for an address: the geocoding service when configured, else the centre of
 * its postal code (or city), flagged approximate.
 *
 * @example
 * await geocodeAddress({ line1: "233 S Wacker Dr", city: "Chicago", postalCode: "60606" });
 * // offline: { ok: true, lat: 41.8786, lng: -87.6359, approximate: true, label: "ZIP 60606, Chicago, IL (centre)", source: "postal-code" }
 * await geocodeAddress({ line1: "nowhere" });
 * // { ok: false, code: "not_found", message: "Address not found: …" }
 */
export async function geocodeAddress(query: AddressQuery, options: GeocodeOptions = {}): Promise<GeocodeResult> {
  const line1 = clean(query.line1);
  const city = clean(query.city);
  const postalCode = clean(query.postalCode);
  if (!line1 && !city && !postalCode) {
    return { ok: false, code: "invalid", message: "Enter a street address, a city or a postal code." };
  }
  if (line1.length > 300 || city.length > 120 || postalCode.length > 20) {
    return { ok: false, code: "invalid", message: "That address is too long to look up." };
  }
  const url = clean(options.url === undefined ? process.env.GEOCODER_URL : options.url);
  let note: string | undefined;
  if (url) {
    const remote = await askService(url, { ...query, line1, city, postalCode }, options);
    if (remote.kind === "found") return remote.result;
    note =
      remote.kind === "unavailable"
        ? `The geocoding service could not be reached (${remote.reason}); the postal-code centre is used.`
        : "The geocoding service did not know this street; the postal-code centre is used.";
  }
  const offline = await offlineLookup({ ...query, line1, city, postalCode });
  if (offline) return note ? { ...offline, note } : offline;
  const said = [line1, city, postalCode].filter(Boolean).join(", ");
  return {
    ok: false,
    code: "not_found",
    message: url
      ? `Address not found: "${said}". Check the street, city and postal code.`
      : `Address not found: "${said}". Without a geocoding service only the postal code (or city and state) can be located — add a postal code.`,
  };
}

type ServiceAnswer =
  | { kind: "found"; result: GeocodeFound }
  | { kind: "none" }
  | { kind: "unavailable"; reason: string };

async function askService(base: string, query: AddressQuery, options: GeocodeOptions): Promise<ServiceAnswer> {
  const params = new URLSearchParams({ format: "jsonv2", limit: "1" });
  // Structured search when the parts are known: it is what Nominatim matches best.
  if (query.line1) params.set("street", query.line1);
  if (query.city) params.set("city", clean(query.city));
  if (query.region) params.set("state", clean(query.region));
  if (query.postalCode) params.set("postalcode", clean(query.postalCode));
  const country = clean(query.country);
  if (country) params.set("countrycodes", country.toLowerCase());
  const endpoint = `${base.replace(/\/+$/, "")}/search?${params.toString()}`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      headers: {
        Accept: "application/json",
        "User-Agent": options.userAgent ?? "Crewboard dispatch (self-hosted)",
        ...(options.language ? { "Accept-Language": options.language } : {}),
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { kind: "unavailable", reason: cause ?? (err instanceof Error ? err.name : "network error") };
  }
  if (!response.ok) return { kind: "unavailable", reason: `HTTP ${response.status}` };
  let places: unknown;
  try {
    places = await response.json();
  } catch {
    return { kind: "unavailable", reason: "the reply was not JSON" };
  }
  if (!Array.isArray(places) || places.length === 0) return { kind: "none" };
  const place = places[0] as NominatimPlace;
  const lat = Number(place.lat);
  const lng = Number(place.lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return { kind: "unavailable", reason: "the reply had no usable coordinates" };
  }
  // Nominatim ranks places 26–30 for streets, houses and buildings; anything coarser
  // (a postcode, a suburb, a city) is only near the address.
  const approximate = typeof place.place_rank === "number" ? place.place_rank < 26 : false;
  return {
    kind: "found",
    result: {
      ok: true,
      lat: round(lat),
      lng: round(lng),
      approximate,
      label: clean(place.display_name) || [query.line1, query.city].filter(Boolean).join(", "),
      source: "geocoder",
    },
  };
}

type ZipCodes = typeof ZipCodesModule;
let zipTable: Promise<ZipCodes> | null = null;
function loadZipTable(): Promise<ZipCodes> {
  zipTable ??= import("zipcodes").then((mod) => ("default" in mod ? (mod.default as ZipCodes) : mod));
  return zipTable;
}

async function offlineLookup(query: AddressQuery): Promise<GeocodeFound | null> {
  const country = clean(query.country).toUpperCase();
  if (country && country !== "US" && country !== "CA") return null;
  const zips = await loadZipTable();
  const text = [query.postalCode, query.line1, query.city].map(clean).join(" ");
  const us = US_ZIP.exec(clean(query.postalCode)) ?? US_ZIP.exec(text);
  const ca = CA_POSTAL.exec(clean(query.postalCode)) ?? CA_POSTAL.exec(text);
  const code = us && country !== "CA" ? us[1] : ca ? ca[1].toUpperCase() : null;
  if (code) {
    const hit = zips.lookup(code);
    if (hit) {
      return {
        ok: true,
        lat: round(hit.latitude),
        lng: round(hit.longitude),
        approximate: true,
        label: `${hit.country === "US" ? "ZIP" : "Postal area"} ${hit.zip}, ${titleCase(hit.city)}, ${hit.state} (centre)`,
        source: "postal-code",
      };
    }
  }
  const city = clean(query.city);
  if (!city) return null;
  const region = clean(query.region);
  const matches = region
    ? zips.lookupByName(city, region)
    : Object.values(zips.codes).filter((z) => z.city.toUpperCase() === city.toUpperCase() && z.country === "US");
  if (matches.length === 0) return null;
  // Several states share city names (Springfield): without a state the answer is only a guess.
  const states = new Set(matches.map((m) => m.state));
  if (states.size > 1) return null;
  const lat = matches.reduce((sum, m) => sum + m.latitude, 0) / matches.length;
  const lng = matches.reduce((sum, m) => sum + m.longitude, 0) / matches.length;
  return {
    ok: true,
    lat: round(lat),
    lng: round(lng),
    approximate: true,
    label: `${titleCase(matches[0].city)}, ${matches[0].state} (city centre)`,
    source: "postal-code",
  };
}

function titleCase(value: string): string {
  return value.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
