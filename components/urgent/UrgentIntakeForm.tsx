"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { submitUrgentAction } from "@/app/(app)/urgent/actions";
import { CustomerPicker, type PickedCustomer } from "@/components/customers/CustomerPicker";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions } from "@/components/ui/Options";

/** The urgent call: what, where, who, by when. Submitting ranks the options; nothing moves yet. */
export function UrgentIntakeForm({ timeZone }: { timeZone: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);

  function submit(form: FormData) {
    const v = (k: string) => String(form.get(k) ?? "");
    const input = {
      workOrder: v("workOrder"),
      customerId: customer?.id ?? "",
      // the site of the visit: its address and the point looked up (and corrected) for it
      address: customer?.site?.address ?? "",
      city: customer?.site?.city ?? "",
      lat: customer?.site ? String(customer.site.lat) : "",
      lng: customer?.site ? String(customer.site.lng) : "",
      requiredSkills: v("requiredSkills"),
      durationMin: v("durationMin"),
      deadline: v("deadline"),
      priority: v("priority"),
      description: v("description"),
      notes: v("notes"),
    };
    start(async () => {
      const r = await submitUrgentAction(input);
      if (r.ok) router.push(`/urgent/${r.data.id}${r.data.existing ? "?existing=1" : ""}`);
      else {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
      }
    });
  }
  const aria = (k: string) => ({ "aria-invalid": Boolean(errors[k]), "aria-describedby": errors[k] ? `${k}-error` : undefined });

  return (
    <form action={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-label="Urgent job">
      {message ? <Banner kind="error">{message}</Banner> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="workOrder" label="Work order" hint="Entering it again shows the existing request." error={errors.workOrder}>
          <input id="workOrder" name="workOrder" className={INPUT_CLASS} {...aria("workOrder")} />
        </Field>
        <Field id="priority" label="Priority" error={errors.priority}>
          <select id="priority" name="priority" className={INPUT_CLASS} defaultValue="1">
            <PriorityOptions tiers={[1, 2, 3]} />
          </select>
        </Field>
        <Field id="deadline" label={`Must be seen by (${timeZone})`} error={errors.deadline}>
          <input id="deadline" name="deadline" type="datetime-local" className={INPUT_CLASS} {...aria("deadline")} />
        </Field>
        <div className="sm:col-span-3">
          <Field id="description" label="What is wrong" error={errors.description}>
            <input id="description" name="description" className={INPUT_CLASS} placeholder="Walk-in freezer down, product at risk" {...aria("description")} />
          </Field>
        </div>
        <Field id="requiredSkills" label="Required skills" hint="Comma separated" error={errors.requiredSkills}>
          <input id="requiredSkills" name="requiredSkills" className={INPUT_CLASS} {...aria("requiredSkills")} />
        </Field>
        <Field id="durationMin" label="Duration (minutes)" error={errors.durationMin}>
          <input id="durationMin" name="durationMin" type="number" min={5} step={5} defaultValue={90} className={INPUT_CLASS} {...aria("durationMin")} />
        </Field>
        <Field id="notes" label="Notes" error={errors.notes}>
          <input id="notes" name="notes" className={INPUT_CLASS} />
        </Field>
      </div>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-xs font-medium text-slate-700">Customer and site</legend>
        <CustomerPicker value={customer} onChange={setCustomer} canCreate error={errors.customerId ?? errors.newCustomerName ?? errors.lat} />
      </fieldset>
      <div className="flex items-center gap-3">
        <p className="text-xs text-slate-500">Nothing on the board changes and nobody is messaged until you approve an option.</p>
        <button type="submit" disabled={pending} className="ml-auto rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700 disabled:opacity-60">
          {pending ? "Ranking…" : "Find options"}
        </button>
      </div>
    </form>
  );
}
