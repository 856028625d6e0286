"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveCustomerAction } from "@/app/(app)/customers/actions";
import { AddressFields, EMPTY_ADDRESS, addressPayload, type AddressValue } from "@/components/customers/AddressFields";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions, TechnicianOptions } from "@/components/ui/Options";
import type { CustomerDetail } from "@/lib/db/customers";
import type { TechnicianOption } from "@/lib/db/lookups";

/** A customer's details and SLA / contract terms; a new customer also gives its first site. */
export function CustomerForm({ customer, technicians, canEdit }: { customer: CustomerDetail | null; technicians: TechnicianOption[]; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [site, setSite] = useState<AddressValue>(EMPTY_ADDRESS);

  function submit(form: FormData) {
    const v = (k: string) => String(form.get(k) ?? "");
    const input = {
      id: customer?.id,
      version: customer?.version,
      name: v("name"),
      email: v("email"),
      phone: v("phone"),
      contract: form.get("contract") === "on",
      slaPriority: v("slaPriority"),
      responseMinutes: v("responseMinutes"),
      contractEndsOn: v("contractEndsOn"),
      notes: v("notes"),
      preferredTechnicianId: v("preferredTechnicianId"),
      site: customer ? undefined : addressPayload(site),
    };
    start(async () => {
      const r = await saveCustomerAction(input);
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setErrors({});
      if (!customer) router.push(`/customers/${r.data.id}`);
      else {
        setMessage({ kind: "success", text: "Saved." });
        router.refresh();
      }
    });
  }
  const err = (k: string) => errors[k];
  const siteErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith("site.")).map(([k, val]) => [k.slice(5), val]));
  return (
    <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-label={customer ? "Customer details" : "New customer"}>
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <fieldset disabled={!canEdit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="name" label="Name" error={err("name")}>
            <input id="name" name="name" className={INPUT_CLASS} defaultValue={customer?.name} />
          </Field>
          <Field id="phone" label="Phone" error={err("phone")}>
            <input id="phone" name="phone" type="tel" className={INPUT_CLASS} defaultValue={customer?.phone ?? ""} />
          </Field>
          <Field id="email" label="Email" error={err("email")}>
            <input id="email" name="email" type="email" className={INPUT_CLASS} defaultValue={customer?.email ?? ""} />
          </Field>
        </div>
        {!customer ? <AddressFields idPrefix="site" value={site} onChange={setSite} errors={siteErrors} legend="First site" /> : null}
        <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
          <legend className="px-1 text-xs font-medium text-slate-700">SLA and contract</legend>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" name="contract" defaultChecked={customer?.contract} /> Service contract
          </label>
          <Field id="slaPriority" label="Priority of their jobs" error={err("slaPriority")}>
            <select id="slaPriority" name="slaPriority" className={INPUT_CLASS} defaultValue={customer?.slaPriority ? String(customer.slaPriority) : ""}>
              <option value="">By the rules</option>
              <PriorityOptions />
            </select>
          </Field>
          <Field id="responseMinutes" label="Response time (minutes)" error={err("responseMinutes")}>
            <input id="responseMinutes" name="responseMinutes" type="number" min={1} className={INPUT_CLASS} defaultValue={customer?.responseMinutes ?? ""} />
          </Field>
          <Field id="contractEndsOn" label="Contract ends" error={err("contractEndsOn")}>
            <input id="contractEndsOn" name="contractEndsOn" type="date" className={INPUT_CLASS} defaultValue={customer?.contractEndsOn ?? ""} />
          </Field>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="preferredTechnicianId" label="Preferred technician" error={err("preferredTechnicianId")}>
            <select id="preferredTechnicianId" name="preferredTechnicianId" className={INPUT_CLASS} defaultValue={customer?.preferredTechnicianId ?? ""}>
              <option value="">No preference</option>
              <TechnicianOptions technicians={technicians} />
            </select>
          </Field>
          <Field id="notes" label="Notes" error={err("notes")}>
            <textarea id="notes" name="notes" rows={2} className={INPUT_CLASS} defaultValue={customer?.notes ?? ""} />
          </Field>
        </div>
        {canEdit ? (
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Saving…" : customer ? "Save customer" : "Add customer"}
          </button>
        ) : null}
      </fieldset>
    </form>
  );
}
