"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addSlotBlockAction, removeSlotBlockAction, saveRecoveryBufferAction } from "@/app/(app)/settings/slots/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import type { SlotBlockRow } from "@/lib/db/slot-blocks";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The company's recurring fixed and flex blocks per weekday, and the recovery buffer. */
export function SlotTemplateEditor({
  blocks,
  templates,
  buffer,
  canEdit,
}: {
  blocks: SlotBlockRow[];
  templates: { id: string; name: string }[];
  buffer: number;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [kind, setKind] = useState<"fixed" | "flex">("fixed");

  const done = (r: { ok: true } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } }, text: string) => {
    if (r.ok) {
      setErrors({});
      setResult({ kind: "success", text });
      router.refresh();
    } else {
      setErrors(r.error.fieldErrors ?? {});
      setResult({ kind: "error", text: r.error.message });
    }
  };

  function addBlock(form: FormData) {
    const input = {
      weekdays: form.getAll("weekday").map(Number),
      start: String(form.get("start") ?? ""),
      end: String(form.get("end") ?? ""),
      kind,
      templateId: kind === "fixed" ? String(form.get("templateId") || "") || null : null,
      label: String(form.get("label") ?? ""),
    };
    start(async () => done(await addSlotBlockAction(input), `Block “${input.label}” added.`));
  }

  return (
    <div className="max-w-4xl space-y-4">
      {result ? <Banner kind={result.kind}>{result.text}</Banner> : null}
      <form
        aria-label="Recovery buffer"
        className="flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
        action={(form) => start(async () => done(await saveRecoveryBufferAction({ minutes: form.get("minutes") }), "Recovery buffer saved."))}
      >
        <Field id="minutes" label="Travel-and-recovery buffer between on-site jobs (minutes, 0–30)" error={errors.minutes}>
          <input id="minutes" name="minutes" type="number" min={0} max={30} step={1} defaultValue={buffer} disabled={!canEdit} className={INPUT_CLASS} />
        </Field>
        <button type="submit" disabled={!canEdit || pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          Save buffer
        </button>
      </form>

      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" aria-label="Slot blocks">
        <thead className="bg-slate-50 text-xs">
          <tr>
            <th scope="col" className="px-2 py-1">Weekday</th>
            <th scope="col" className="px-2 py-1">Time</th>
            <th scope="col" className="px-2 py-1">Kind</th>
            <th scope="col" className="px-2 py-1">Name</th>
            <th scope="col" className="px-2 py-1">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {blocks.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-2 py-2 text-slate-600">
                No blocks yet: every hour of a shift is open to any work.
              </td>
            </tr>
          ) : null}
          {blocks.map((b) => (
            <tr key={b.id} className="border-t border-slate-100">
              <td className="px-2 py-1">{WEEKDAYS[b.weekday - 1]}</td>
              <td className="px-2 py-1 tabular-nums">
                {b.start}–{b.end}
              </td>
              <td className="px-2 py-1">{b.kind === "flex" ? "Flex (urgent work only)" : `Fixed: ${b.templateName ?? "removed template"}`}</td>
              <td className="px-2 py-1">{b.label}</td>
              <td className="px-2 py-1 text-right">
                {canEdit ? (
                  <button
                    type="button"
                    disabled={pending}
                    className="text-red-700 underline"
                    onClick={() => start(async () => done(await removeSlotBlockAction({ id: b.id }), `Block “${b.label}” removed.`))}
                  >
                    Remove<span className="sr-only"> {b.label} on {WEEKDAYS[b.weekday - 1]}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {canEdit ? (
        <form action={addBlock} aria-label="Add a block" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3" noValidate>
          <h2 className="text-sm font-semibold">Add a block</h2>
          <fieldset>
            <legend className="text-xs font-medium text-slate-700">Weekdays</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {WEEKDAYS.map((d, i) => (
                <label key={d} className="flex items-center gap-1">
                  <input type="checkbox" name="weekday" value={i + 1} defaultChecked={i < 5} /> {d}
                </label>
              ))}
            </div>
            {errors.weekdays ? <p className="text-xs text-red-700">{errors.weekdays[0]}</p> : null}
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-4">
            <Field id="start" label="From" error={errors.start}>
              <input id="start" name="start" type="time" defaultValue="09:00" className={INPUT_CLASS} />
            </Field>
            <Field id="end" label="Until" error={errors.end}>
              <input id="end" name="end" type="time" defaultValue="11:00" className={INPUT_CLASS} />
            </Field>
            <Field id="kind" label="Kind">
              <select id="kind" value={kind} onChange={(e) => setKind(e.target.value as "fixed" | "flex")} className={INPUT_CLASS}>
                <option value="fixed">Fixed: reserved for a kind of work</option>
                <option value="flex">Flex: kept free for urgent work</option>
              </select>
            </Field>
            {kind === "fixed" ? (
              <Field id="templateId" label="Kind of work" error={errors.templateId}>
                <select id="templateId" name="templateId" className={INPUT_CLASS} defaultValue="">
                  <option value="">Choose a job template</option>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
          </div>
          <Field id="label" label="Name shown on the board" error={errors.label}>
            <input id="label" name="label" defaultValue={kind === "flex" ? "Flex (emergencies)" : ""} key={kind} className={INPUT_CLASS} />
          </Field>
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
            Add block
          </button>
        </form>
      ) : null}
    </div>
  );
}
