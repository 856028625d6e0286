"use client";

import { useState } from "react";
import { Field, INPUT_CLASS } from "@/components/ui/Field";

const LINK = "inline-block rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-100";

/** Download links for the day's CSV exports (route handlers under /api/exports). */
export function ExportLinks({ today }: { today: string }) {
  const [date, setDate] = useState(today);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today;
  const list = (name: string) => `/api/exports/unresolved?date=${day}&list=${name}`;
  return (
    <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="export-heading" className="font-semibold">
        Export CSV
      </h2>
      <div className="max-w-48">
        <Field id="export-date" label="Day">
          <input id="export-date" type="date" className={INPUT_CLASS} value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      <ul className="flex flex-wrap gap-2 text-sm">
        <li>
          <a className={LINK} href={`/api/exports/board?date=${day}`} download>
            Revised board
          </a>
        </li>
        <li>
          <a className={LINK} href={list("unresolved")} download title="Planned for the day and not done by its end">
            Unresolved
          </a>
        </li>
        <li>
          <a className={LINK} href={list("unassigned")} download title="Still unscheduled">
            Unassigned
          </a>
        </li>
        <li>
          <a className={LINK} href={list("overdue")} download title="Past the deadline and not done">
            Overdue
          </a>
        </li>
      </ul>
      <p className="text-xs text-slate-500">The revised board imports back unchanged, so it can be edited in a spreadsheet and imported again.</p>
    </section>
  );
}
