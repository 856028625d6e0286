"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveTechnicianAction } from "@/app/(app)/technicians/actions";
import { AddressFields, EMPTY_ADDRESS, addressPayload, type AddressValue } from "@/components/customers/AddressFields";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import type { Certification, MemberOption, Shift, TechnicianDetail } from "@/lib/db/technicians";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

interface ShiftRow {
  on: boolean;
  start: string;
  end: string;
  breakStart: string;
  breakMinutes: string;
}

function shiftRows(shifts: Shift[]): ShiftRow[] {
  return WEEKDAYS.map((_, i) => {
    const s = shifts.find((x) => x.weekday === i + 1);
    return s
      ? { on: true, start: s.start, end: s.end, breakStart: s.breakStart ?? "", breakMinutes: s.breakMinutes ? String(s.breakMinutes) : "" }
      : { on: false, start: "08:00", end: "16:30", breakStart: "", breakMinutes: "" };
  });
}

/** Add or edit a technician: contact, skills and certifications, zones, home base, weekly shifts, sign-in. */
export function TechnicianForm({ technician, members, canEdit }: { technician: TechnicianDetail | null; members: MemberOption[]; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [home, setHome] = useState<AddressValue>(
    technician ? { ...EMPTY_ADDRESS, address: technician.home.address, lat: technician.home.lat, lng: technician.home.lng, approximate: technician.home.approximate } : EMPTY_ADDRESS,
  );
  const [shifts, setShifts] = useState<ShiftRow[]>(shiftRows(technician?.shifts ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "16:30", breakStart: "12:00", breakMinutes: 30 }))));
  const [certs, setCerts] = useState<Certification[]>(technician?.certifications ?? []);

  function submit(form: FormData) {
    const v = (k: string) => String(form.get(k) ?? "");
    const input = {
      id: technician?.id,
      version: technician?.version,
      name: v("name"),
      email: v("email"),
      phone: v("phone"),
      skills: v("skills"),
      zones: v("zones"),
      notes: v("notes"),
      userId: v("userId"),
      home: addressPayload(home),
      shifts: shifts.flatMap((s, i) => (s.on ? [{ weekday: i + 1, start: s.start, end: s.end, breakStart: s.breakStart, breakMinutes: s.breakMinutes }] : [])),
      certifications: certs.filter((c) => c.name.trim()),
    };
    start(async () => {
      const r = await saveTechnicianAction(input);
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setErrors({});
      if (!technician) router.push(`/technicians/${r.data.id}`);
      else {
        setMessage({ kind: "success", text: "Saved." });
        router.refresh();
      }
    });
  }
  const err = (k: string) => errors[k];
  const homeErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith("home.")).map(([k, val]) => [k.slice(5), val]));
  const setShift = (i: number, patch: Partial<ShiftRow>) => setShifts((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-label={technician ? `Edit ${technician.name}` : "New technician"}>
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <fieldset disabled={!canEdit} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="name" label="Name" error={err("name")}>
            <input id="name" name="name" className={INPUT_CLASS} defaultValue={technician?.name} aria-invalid={Boolean(err("name"))} />
          </Field>
          <Field id="email" label="Email" error={err("email")}>
            <input id="email" name="email" type="email" className={INPUT_CLASS} defaultValue={technician?.email ?? ""} />
          </Field>
          <Field id="phone" label="Phone" error={err("phone")}>
            <input id="phone" name="phone" type="tel" className={INPUT_CLASS} defaultValue={technician?.phone ?? ""} />
          </Field>
          <Field id="skills" label="Skills" hint="Comma separated; they do not expire." error={err("skills")}>
            <input id="skills" name="skills" className={INPUT_CLASS} defaultValue={technician?.skills.join(", ")} />
          </Field>
          <Field id="zones" label="Service zones" hint="Comma separated, e.g. North, Loop" error={err("zones")}>
            <input id="zones" name="zones" className={INPUT_CLASS} defaultValue={technician?.zones.join(", ")} />
          </Field>
          <Field id="userId" label="Sign-in account" hint="The technician's own login for the phone app." error={err("userId")}>
            <select id="userId" name="userId" className={INPUT_CLASS} defaultValue={technician?.userId ?? ""}>
              <option value="">Not linked</option>
              {members
                .filter((m) => !m.technicianId || m.technicianId === technician?.id)
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.email}, {m.role})
                  </option>
                ))}
            </select>
          </Field>
        </div>
        <AddressFields idPrefix="home" value={home} onChange={setHome} errors={homeErrors} legend="Home base (where the day starts)" />
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-xs font-medium text-slate-700">Certifications (stop counting after they expire)</legend>
          {err("certifications") ? <p className="text-xs text-red-700">{err("certifications")![0]}</p> : null}
          <ul className="space-y-2">
            {certs.map((c, i) => (
              <li key={i} className="flex items-end gap-2">
                <Field id={`cert-${i}-name`} label="Certification">
                  <input id={`cert-${i}-name`} className={INPUT_CLASS} value={c.name} onChange={(e) => setCerts((l) => l.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                </Field>
                <Field id={`cert-${i}-expires`} label="Valid until" error={err(`certifications.${i}.expiresOn`)}>
                  <input id={`cert-${i}-expires`} type="date" className={INPUT_CLASS} value={c.expiresOn ?? ""} onChange={(e) => setCerts((l) => l.map((x, j) => (j === i ? { ...x, expiresOn: e.target.value || null } : x)))} />
                </Field>
                <button type="button" className="mb-1 text-xs text-red-700 underline" onClick={() => setCerts((l) => l.filter((_, j) => j !== i))}>
                  Remove {c.name || "certification"}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="mt-2 rounded-md border border-slate-300 px-2 py-1 text-xs" onClick={() => setCerts((l) => [...l, { name: "", expiresOn: null }])}>
            Add certification
          </button>
        </fieldset>
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-xs font-medium text-slate-700">Weekly shifts ({"company's time zone"})</legend>
          {err("shifts") ? <p className="text-xs text-red-700">{err("shifts")![0]}</p> : null}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th className="py-1 font-medium">Day</th>
                <th className="font-medium">From</th>
                <th className="font-medium">To</th>
                <th className="font-medium">Break at</th>
                <th className="font-medium">Break minutes</th>
              </tr>
            </thead>
            <tbody>
              {shifts.map((s, i) => {
                const idx = shifts.slice(0, i).filter((x) => x.on).length;
                const e = (k: string) => err(`shifts.${idx}.${k}`)?.[0];
                return (
                  <tr key={WEEKDAYS[i]}>
                    <td className="py-1">
                      <label className="flex items-center gap-2">
                        <input type="checkbox" checked={s.on} onChange={(ev) => setShift(i, { on: ev.target.checked })} /> {WEEKDAYS[i]}
                      </label>
                    </td>
                    <td>
                      <input aria-label={`${WEEKDAYS[i]} from`} type="time" disabled={!s.on} className={INPUT_CLASS} value={s.start} onChange={(ev) => setShift(i, { start: ev.target.value })} />
                    </td>
                    <td>
                      <input aria-label={`${WEEKDAYS[i]} to`} type="time" disabled={!s.on} className={INPUT_CLASS} value={s.end} onChange={(ev) => setShift(i, { end: ev.target.value })} />
                    </td>
                    <td>
                      <input aria-label={`${WEEKDAYS[i]} break at`} type="time" disabled={!s.on} className={INPUT_CLASS} value={s.breakStart} onChange={(ev) => setShift(i, { breakStart: ev.target.value })} />
                    </td>
                    <td>
                      <input aria-label={`${WEEKDAYS[i]} break minutes`} type="number" min={5} max={240} step={5} disabled={!s.on} className={INPUT_CLASS} value={s.breakMinutes} onChange={(ev) => setShift(i, { breakMinutes: ev.target.value })} />
                      {s.on && (e("end") || e("breakStart") || e("breakMinutes")) ? <p className="text-xs text-red-700">{e("end") ?? e("breakStart") ?? e("breakMinutes")}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
        <Field id="notes" label="Notes" error={err("notes")}>
          <textarea id="notes" name="notes" rows={2} className={INPUT_CLASS} defaultValue={technician?.notes ?? ""} />
        </Field>
        {canEdit ? (
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Saving…" : technician ? "Save technician" : "Add technician"}
          </button>
        ) : null}
      </fieldset>
    </form>
  );
}
