"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveMorningExportAction } from "@/app/(app)/settings/morning-export/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";

/** The morning export's time (or off), and the last exports that went out. */
export function MorningExportForm({
  time,
  recent,
  canEdit,
}: {
  time: string | null;
  recent: { date: string; rows: number; recipients: number }[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string; fields?: Record<string, string[]> } | null>(null);
  const [on, setOn] = useState(time !== null);
  return (
    <div className="max-w-xl space-y-3">
      {result ? <Banner kind={result.kind}>{result.text}</Banner> : null}
      <form
        aria-label="Morning export"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
        action={(form) =>
          start(async () => {
            const r = await saveMorningExportAction({ time: on ? String(form.get("time") ?? "") : null });
            if (r.ok) {
              setResult({ kind: "success", text: r.data.time ? `The morning export goes out at ${r.data.time}.` : "The morning export is off." });
              router.refresh();
            } else setResult({ kind: "error", text: r.error.message, fields: r.error.fieldErrors });
          })
        }
      >
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} disabled={!canEdit} /> Send the morning export
        </label>
        <Field id="time" label="Local time" error={result?.fields?.time}>
          <input id="time" name="time" type="time" defaultValue={time ?? "07:00"} disabled={!canEdit || !on} className={INPUT_CLASS} />
        </Field>
        <button type="submit" disabled={!canEdit || pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          Save
        </button>
      </form>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" aria-label="Recent morning exports">
        <thead className="bg-slate-50 text-xs">
          <tr>
            <th scope="col" className="px-2 py-1">Day</th>
            <th scope="col" className="px-2 py-1">Jobs listed</th>
            <th scope="col" className="px-2 py-1">Emails</th>
          </tr>
        </thead>
        <tbody>
          {recent.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-2 py-2 text-slate-600">
                None sent yet.
              </td>
            </tr>
          ) : null}
          {recent.map((r) => (
            <tr key={r.date} className="border-t border-slate-100">
              <td className="px-2 py-1">{r.date}</td>
              <td className="px-2 py-1 tabular-nums">{r.rows}</td>
              <td className="px-2 py-1 tabular-nums">{r.recipients}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
