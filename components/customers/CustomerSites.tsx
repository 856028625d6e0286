"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addContactAction, removeContactAction, saveSiteAction } from "@/app/(app)/customers/actions";
import { AddressFields, EMPTY_ADDRESS, addressPayload, type AddressValue } from "@/components/customers/AddressFields";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { TechnicianOptions } from "@/components/ui/Options";
import type { CustomerDetail, Site } from "@/lib/db/customers";
import type { TechnicianOption } from "@/lib/db/lookups";

/** A customer's service sites (add, edit, make primary, retire) and contacts. */
export function CustomerSites({ customer, technicians, canEdit }: { customer: CustomerDetail; technicians: TechnicianOption[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<Site | "new" | null>(null);
  const names = new Map(technicians.map((t) => [t.id, t.name]));
  return (
    <div className="space-y-4">
      <section aria-label="Sites" className="rounded-lg border border-slate-200 bg-white p-3">
        <div className="flex items-center">
          <h2 className="font-medium">Service sites</h2>
          {canEdit ? (
            <button type="button" onClick={() => setEditing("new")} className="ml-auto rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
              Add site
            </button>
          ) : null}
        </div>
        {editing ? <SiteForm key={editing === "new" ? "new" : editing.id} customerId={customer.id} site={editing === "new" ? null : editing} technicians={technicians} onDone={() => setEditing(null)} /> : null}
        <ul className="mt-2 divide-y divide-slate-100">
          {customer.sites.map((s) => (
            <li key={s.id} className="py-2" data-testid="site-row">
              <div className="flex items-baseline gap-2">
                <span className="font-medium">{s.label}</span>
                {s.isPrimary ? <span className="rounded bg-brand-50 px-1 text-xs text-brand-700">primary</span> : null}
                {!s.active ? <span className="rounded bg-slate-200 px-1 text-xs">inactive</span> : null}
                {s.approximate ? <span className="rounded bg-amber-100 px-1 text-xs text-amber-900">approximate location</span> : null}
                <span className="ml-auto flex gap-2 text-xs">
                  {canEdit && s.active ? (
                    <Link href={`/jobs/new?site=${s.id}`} className="text-brand-700 underline">
                      New job here
                    </Link>
                  ) : null}
                  {canEdit ? (
                    <button type="button" className="text-brand-700 underline" onClick={() => setEditing(s)}>
                      Edit {s.label}
                    </button>
                  ) : null}
                </span>
              </div>
              <div className="text-xs text-slate-700">{[s.address, s.city, [s.region, s.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ")}</div>
              {s.accessNotes ? <div className="text-xs text-slate-600">Access: {s.accessNotes}</div> : null}
              {s.preferredTechnicianId ? <div className="text-xs text-slate-600">Preferred technician: {names.get(s.preferredTechnicianId) ?? "—"}</div> : null}
            </li>
          ))}
          {customer.sites.length === 0 ? <li className="py-2 text-sm text-slate-600">No sites yet: add one so jobs have a place.</li> : null}
        </ul>
      </section>
      <Contacts customer={customer} canEdit={canEdit} />
    </div>
  );
}

function SiteForm({ customerId, site, technicians, onDone }: { customerId: string; site: Site | null; technicians: TechnicianOption[]; onDone: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [place, setPlace] = useState<AddressValue>(
    site
      ? { address: site.address, city: site.city ?? "", region: site.region ?? "", postalCode: site.postalCode ?? "", country: site.country, lat: site.lat, lng: site.lng, approximate: site.approximate }
      : EMPTY_ADDRESS,
  );
  function submit(form: FormData) {
    start(async () => {
      const r = await saveSiteAction({
        customerId,
        id: site?.id,
        version: site?.version,
        label: String(form.get("label") ?? ""),
        accessNotes: String(form.get("accessNotes") ?? ""),
        preferredTechnicianId: String(form.get("preferredTechnicianId") ?? ""),
        primary: form.get("primary") === "on",
        active: form.get("active") === "on",
        place: addressPayload(place),
      });
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
        return;
      }
      onDone();
      router.refresh();
    });
  }
  const placeErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith("place.")).map(([k, v]) => [k.slice(6), v]));
  return (
    <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }} className="mt-2 space-y-2 rounded-md border border-brand-100 p-3" aria-label={site ? `Edit site ${site.label}` : "New site"} noValidate>
      {message ? <Banner kind="error">{message}</Banner> : null}
      <div className="grid gap-2 sm:grid-cols-2">
        <Field id="site-label" label="Site name" error={errors.label}>
          <input id="site-label" name="label" className={INPUT_CLASS} defaultValue={site?.label ?? ""} placeholder="Warehouse" />
        </Field>
        <Field id="site-preferred" label="Preferred technician here">
          <select id="site-preferred" name="preferredTechnicianId" className={INPUT_CLASS} defaultValue={site?.preferredTechnicianId ?? ""}>
            <option value="">No preference</option>
            <TechnicianOptions technicians={technicians} />
          </select>
        </Field>
      </div>
      <AddressFields idPrefix="site-place" value={place} onChange={setPlace} errors={placeErrors} legend="Site address" />
      <Field id="site-access" label="Access notes" error={errors.accessNotes}>
        <input id="site-access" name="accessNotes" className={INPUT_CLASS} defaultValue={site?.accessNotes ?? ""} placeholder="Gate code, dock, who has the key" />
      </Field>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="primary" defaultChecked={site?.isPrimary ?? false} /> Primary site
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="active" defaultChecked={site?.active ?? true} /> In service
        </label>
        {errors.active ? <span className="text-xs text-red-700">{errors.active[0]}</span> : null}
        <button type="submit" disabled={pending} className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save site"}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}

const CHANNEL = { none: "not told", email: "told by email", sms: "told by text" } as const;

function Contacts({ customer, canEdit }: { customer: CustomerDetail; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  function add(form: FormData) {
    const v = (k: string) => String(form.get(k) ?? "");
    start(async () => {
      const r = await addContactAction({ customerId: customer.id, name: v("name"), role: v("role"), email: v("email"), phone: v("phone"), notifyBy: v("notifyBy") });
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
        return;
      }
      setErrors({});
      setMessage(null);
      router.refresh();
    });
  }
  return (
    <section aria-label="Contacts" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 className="font-medium">Contacts</h2>
      <ul className="mt-1 divide-y divide-slate-100">
        {customer.contacts.map((c) => (
          <li key={c.id} className="flex items-baseline gap-2 py-1.5 text-sm" data-testid="contact-row">
            <span className="font-medium">{c.name}</span>
            <span className="text-xs text-slate-600">{[c.role, c.phone, c.email].filter(Boolean).join(" · ")}</span>
            <span className="text-xs">{CHANNEL[c.notifyBy]}</span>
            {canEdit ? (
              <button
                type="button"
                className="ml-auto text-xs text-red-700 underline"
                onClick={() => start(async () => void (await removeContactAction({ customerId: customer.id, id: c.id }), router.refresh()))}
              >
                Remove {c.name}
              </button>
            ) : null}
          </li>
        ))}
        {customer.contacts.length === 0 ? <li className="py-1.5 text-sm text-slate-600">No contacts besides the customer&apos;s own phone and email.</li> : null}
      </ul>
      {canEdit ? (
        <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        add(new FormData(e.currentTarget));
      }} className="mt-2 grid gap-2 sm:grid-cols-5" aria-label="Add contact" noValidate>
          {message ? <p role="alert" className="text-xs text-red-700 sm:col-span-5">{message}</p> : null}
          <Field id="contact-name" label="Contact name" error={errors.name}>
            <input id="contact-name" name="name" className={INPUT_CLASS} />
          </Field>
          <Field id="contact-role" label="Role" error={errors.role}>
            <input id="contact-role" name="role" className={INPUT_CLASS} placeholder="Facilities" />
          </Field>
          <Field id="contact-phone" label="Contact phone" error={errors.phone}>
            <input id="contact-phone" name="phone" type="tel" className={INPUT_CLASS} />
          </Field>
          <Field id="contact-email" label="Contact email" error={errors.email}>
            <input id="contact-email" name="email" type="email" className={INPUT_CLASS} />
          </Field>
          <Field id="contact-notify" label="Visit notices">
            <select id="contact-notify" name="notifyBy" className={INPUT_CLASS} defaultValue="none">
              <option value="none">Not told</option>
              <option value="sms">By text</option>
              <option value="email">By email</option>
            </select>
          </Field>
          <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 sm:col-span-5 sm:justify-self-start">
            Add contact
          </button>
        </form>
      ) : null}
    </section>
  );
}
