"use client";

import dynamic from "next/dynamic";
import { useState, useTransition } from "react";
import { lookupAddressAction } from "@/app/(app)/customers/actions";
import { Field, INPUT_CLASS } from "@/components/ui/Field";

const PinMap = dynamic(() => import("@/components/customers/PinMap").then((m) => m.PinMap), { ssr: false });

export interface AddressValue {
  address: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  lat: number | null;
  lng: number | null;
  approximate: boolean;
}

export const EMPTY_ADDRESS: AddressValue = { address: "", city: "", region: "", postalCode: "", country: "US", lat: null, lng: null, approximate: false };

/**
 * Street, city, state and postal code, looked up to a point the person can correct
 * on a map. Nobody types coordinates. Editing the address drops the old point.
 */
export function AddressFields({
  idPrefix,
  value,
  onChange,
  errors,
  legend = "Address",
}: {
  idPrefix: string;
  value: AddressValue;
  onChange: (next: AddressValue) => void;
  errors?: Record<string, string[]>;
  legend?: string;
}) {
  const [pending, start] = useTransition();
  const [found, setFound] = useState<{ label: string; note?: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const edit = (patch: Partial<AddressValue>) => {
    setFound(null);
    onChange({ ...value, ...patch, lat: null, lng: null, approximate: false });
  };
  const lookUp = () =>
    start(async () => {
      setProblem(null);
      const res = await lookupAddressAction({ address: value.address, city: value.city, region: value.region, postalCode: value.postalCode, country: value.country });
      if (!res.ok) return setProblem(res.error.message);
      const r = res.data;
      if (!r.ok) return setProblem(r.message);
      setFound({ label: r.label, note: r.note });
      onChange({ ...value, lat: r.lat, lng: r.lng, approximate: r.approximate });
    });
  const err = (k: string) => errors?.[k];
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-xs font-medium text-slate-700">{legend}</legend>
      <Field id={`${idPrefix}-address`} label="Street address" error={err("address")}>
        <input id={`${idPrefix}-address`} className={INPUT_CLASS} value={value.address} onChange={(e) => edit({ address: e.target.value })} autoComplete="street-address" />
      </Field>
      <div className="grid grid-cols-[2fr_1fr_1fr] gap-2">
        <Field id={`${idPrefix}-city`} label="City" error={err("city")}>
          <input id={`${idPrefix}-city`} className={INPUT_CLASS} value={value.city} onChange={(e) => edit({ city: e.target.value })} autoComplete="address-level2" />
        </Field>
        <Field id={`${idPrefix}-region`} label="State" error={err("region")}>
          <input id={`${idPrefix}-region`} className={INPUT_CLASS} value={value.region} onChange={(e) => edit({ region: e.target.value })} autoComplete="address-level1" />
        </Field>
        <Field id={`${idPrefix}-postal`} label="Postal code" error={err("postalCode")}>
          <input id={`${idPrefix}-postal`} className={INPUT_CLASS} value={value.postalCode} onChange={(e) => edit({ postalCode: e.target.value })} autoComplete="postal-code" />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={lookUp} disabled={pending || !value.address.trim()} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50 disabled:opacity-50">
          {pending ? "Looking up…" : value.lat != null ? "Look up again" : "Look up address"}
        </button>
        {value.lat != null && value.approximate ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="approximate-flag">
            approximate — drag the pin to the building
          </span>
        ) : null}
        {value.lat == null && !problem ? <span className="text-xs text-slate-600">Saved without a lookup, the address is looked up for you.</span> : null}
      </div>
      {found ? (
        <p className="text-xs text-slate-700" role="status" data-testid="lookup-label">
          Found: {found.label}
          {found.note ? ` — ${found.note}` : ""}
        </p>
      ) : null}
      {problem ? (
        <p className="text-xs text-red-700" role="alert">
          {problem}
        </p>
      ) : null}
      {value.lat != null && value.lng != null ? (
        <PinMap pin={{ lat: value.lat, lng: value.lng }} label={value.address || "site"} onMove={(p) => onChange({ ...value, lat: p.lat, lng: p.lng, approximate: false })} />
      ) : null}
    </fieldset>
  );
}

/** The form's address as the server schemas take it. */
export function addressPayload(v: AddressValue) {
  return {
    address: v.address,
    city: v.city,
    region: v.region,
    postalCode: v.postalCode,
    country: v.country,
    lat: v.lat,
    lng: v.lng,
    approximate: v.approximate,
  };
}
