/**
 * The point of an address a person saved: the pin they confirmed on the map, or —
 * when they saved without looking it up — the geocoder's answer. Nobody types
 * coordinates; an address nobody can place is refused with the geocoder's words.
 */
import { ActionFailure } from "@/lib/actions/result";
import { geocodeAddress, type GeocodeOptions } from "@/lib/geo/geocoder";
import type { AddressValues } from "@/lib/schemas/records";

export interface ResolvedPlace {
  address: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string;
  lat: number;
  lng: number;
  approximate: boolean;
}

/**
 * @example
 * await resolvePlace({ address: "233 S Wacker Dr", city: "Chicago", postalCode: "60606", country: "US" }, "home.address");
 * // { …, lat: 41.8786, lng: -87.6359, approximate: true } (offline)
 */
export async function resolvePlace(values: AddressValues, field: string, options?: GeocodeOptions): Promise<ResolvedPlace> {
  const base = {
    address: values.address,
    city: values.city,
    region: values.region,
    postalCode: values.postalCode,
    country: values.country,
  };
  if (values.lat != null && values.lng != null) {
    return { ...base, lat: values.lat, lng: values.lng, approximate: values.approximate ?? false };
  }
  const found = await geocodeAddress(
    { line1: values.address, city: values.city, region: values.region, postalCode: values.postalCode, country: values.country },
    options,
  );
  if (!found.ok) throw new ActionFailure("validation", found.message, { [field]: [found.message] });
  return { ...base, lat: found.lat, lng: found.lng, approximate: found.approximate };
}
