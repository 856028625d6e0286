"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { createQuickCustomerAction, searchCustomersAction } from "@/app/(app)/customers/actions";
import { AddressFields, EMPTY_ADDRESS, addressPayload, type AddressValue } from "@/components/customers/AddressFields";
import { Field, INPUT_CLASS } from "@/components/ui/Field";
import type { CustomerHit, SiteSummary } from "@/lib/db/customers";

export interface PickedCustomer {
  id: string;
  name: string;
  phone: string | null;
  contract: boolean;
  sites: SiteSummary[];
  /** The site the visit is at (the primary one unless changed). */
  site: SiteSummary | null;
}

function siteText(s: SiteSummary): string {
  return `${s.label}: ${[s.address, s.city].filter(Boolean).join(", ")}${s.approximate ? " (approximate)" : ""}`;
}

/**
 * Find a customer by name, phone or address as you type (server-side search), pick the
 * site of the visit, or enter a first-time caller inline: name, phone and site address.
 */
export function CustomerPicker({
  value,
  onChange,
  canCreate,
  error,
}: {
  value: PickedCustomer | null;
  onChange: (next: PickedCustomer | null) => void;
  canCreate: boolean;
  error?: string[];
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<CustomerHit[]>([]);
  const [searching, startSearch] = useTransition();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (value || creating) return;
    const term = q.trim();
    const timer = setTimeout(
      () =>
        startSearch(async () => {
          const res = await searchCustomersAction({ q: term, limit: 8 });
          if (res.ok) setHits(res.data.items);
        }),
      term ? 200 : 0,
    );
    return () => clearTimeout(timer);
  }, [q, value, creating]);

  if (value) {
    return (
      <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="picked-customer">
        <div className="flex items-center gap-2">
          <span className="font-medium">{value.name}</span>
          {value.phone ? <span className="text-xs text-slate-600">{value.phone}</span> : null}
          {value.contract ? <span className="rounded bg-slate-200 px-1 text-xs">contract</span> : null}
          <button type="button" className="ml-auto text-xs text-brand-700 underline" onClick={() => onChange(null)}>
            Change customer
          </button>
        </div>
        {value.sites.length > 1 ? (
          <Field id={`${id}-site`} label="Site of the visit">
            <select
              id={`${id}-site`}
              className={INPUT_CLASS}
              value={value.site?.id ?? ""}
              onChange={(e) => onChange({ ...value, site: value.sites.find((s) => s.id === e.target.value) ?? null })}
            >
              {value.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {siteText(s)}
                </option>
              ))}
            </select>
          </Field>
        ) : value.site ? (
          <p className="text-xs text-slate-700" data-testid="picked-site">
            {siteText(value.site)}
          </p>
        ) : (
          <p className="text-xs text-red-700">This customer has no site with a location yet: add one on the customer&apos;s page.</p>
        )}
      </div>
    );
  }

  if (creating) {
    return (
      <NewCustomerInline
        onCancel={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          onChange(c);
        }}
        initialName={q}
      />
    );
  }

  return (
    <div className="space-y-1">
      <Field id={`${id}-q`} label="Customer — search by name, phone or address" error={error}>
        <input
          id={`${id}-q`}
          type="search"
          className={INPUT_CLASS}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-describedby={`${id}-status`}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <p id={`${id}-status`} className="sr-only" role="status">
        {searching ? "Searching" : `${hits.length} customers found`}
      </p>
      <ul aria-label="Matching customers" className="max-h-56 divide-y divide-slate-100 overflow-auto rounded-md border border-slate-200 bg-white" data-testid="customer-hits">
        {hits.map((h) => (
          <li key={h.id}>
            <button
              type="button"
              className="block w-full px-2 py-1.5 text-left hover:bg-brand-50 focus:bg-brand-50"
              onClick={() => onChange({ id: h.id, name: h.name, phone: h.phone, contract: h.contract, sites: h.sites, site: h.sites[0] ?? null })}
            >
              <span className="font-medium">{h.name}</span>
              {h.phone ? <span className="ml-2 text-xs text-slate-600">{h.phone}</span> : null}
              <span className="block text-xs text-slate-600">{h.sites[0] ? siteText(h.sites[0]) : "no site yet"}{h.sites.length > 1 ? ` · ${h.sites.length} sites` : ""}</span>
            </button>
          </li>
        ))}
        {!searching && hits.length === 0 ? <li className="px-2 py-2 text-xs text-slate-600">No customer matches “{q}”.</li> : null}
      </ul>
      {canCreate ? (
        <button type="button" className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50" onClick={() => setCreating(true)}>
          New customer
        </button>
      ) : null}
    </div>
  );
}

function NewCustomerInline({ onCancel, onCreated, initialName }: { onCancel: () => void; onCreated: (c: PickedCustomer) => void; initialName: string }) {
  const id = useId();
  const [name, setName] = useState(/\d{3}/.test(initialName) ? "" : initialName);
  const [phone, setPhone] = useState(/\d{3}/.test(initialName) ? initialName : "");
  const [email, setEmail] = useState("");
  const [site, setSite] = useState<AddressValue>(EMPTY_ADDRESS);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      setMessage(null);
      const res = await createQuickCustomerAction({ name, phone, email, site: addressPayload(site) });
      if (!res.ok) {
        setErrors(res.error.fieldErrors ?? {});
        setMessage(res.error.message);
        return;
      }
      const c = res.data;
      onCreated({ id: c.id, name: c.name, phone: c.phone, contract: false, sites: [c.site], site: c.site });
    });
  const siteErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith("site.")).map(([k, v]) => [k.slice(5), v]));
  return (
    <section aria-label="New customer" className="space-y-2 rounded-md border border-brand-100 bg-brand-50/40 p-3">
      <h3 className="text-sm font-medium">New customer</h3>
      <div className="grid grid-cols-3 gap-2">
        <Field id={`${id}-name`} label="Customer name" error={errors.name}>
          <input id={`${id}-name`} className={INPUT_CLASS} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id={`${id}-phone`} label="Phone" error={errors.phone}>
          <input id={`${id}-phone`} type="tel" className={INPUT_CLASS} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field id={`${id}-email`} label="Email (optional)" error={errors.email}>
          <input id={`${id}-email`} type="email" className={INPUT_CLASS} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
      </div>
      <AddressFields idPrefix={`${id}-site`} value={site} onChange={setSite} errors={siteErrors} legend="Site address" />
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="button" onClick={save} disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Adding…" : "Add customer"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </section>
  );
}
