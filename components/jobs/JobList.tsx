import Link from "next/link";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/board-format";
import type { JobPage } from "@/lib/db/jobs-search";
import type { TechnicianOption } from "@/lib/db/lookups";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import type { JobSearchValues } from "@/lib/schemas/job-records";
import { INPUT_CLASS } from "@/components/ui/Field";
import { TechnicianOptions } from "@/components/ui/Options";

function query(f: JobSearchValues, page?: number): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  for (const s of f.status ?? []) p.append("status", s);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.technician) p.set("technician", f.technician);
  if (page && page > 1) p.set("page", String(page));
  return p.toString();
}

/** Every job, searchable (a plain GET form) and paged, with the filter as CSV. */
export function JobList({ page, filter, technicians, timeZone }: { page: JobPage; filter: JobSearchValues; technicians: TechnicianOption[]; timeZone: string }) {
  const when = (iso: string) => `${wallClock(new Date(iso), timeZone).date} ${formatHm(new Date(iso), timeZone)}`;
  return (
    <div className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Search jobs">
        <label className="min-w-60 flex-1 text-xs font-medium text-slate-700">
          Search
          <input name="q" type="search" defaultValue={filter.q} className={INPUT_CLASS} placeholder="Work order, customer or address" />
        </label>
        <label className="text-xs font-medium text-slate-700">
          Status
          <select name="status" defaultValue={filter.status?.[0] ?? ""} className={INPUT_CLASS}>
            <option value="">Any status</option>
            {Object.entries(STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-700">
          From
          <input name="from" type="date" defaultValue={filter.from} className={INPUT_CLASS} />
        </label>
        <label className="text-xs font-medium text-slate-700">
          To
          <input name="to" type="date" defaultValue={filter.to} className={INPUT_CLASS} />
        </label>
        <label className="text-xs font-medium text-slate-700">
          Technician
          <select name="technician" defaultValue={filter.technician ?? ""} className={INPUT_CLASS}>
            <option value="">Anyone</option>
            <TechnicianOptions technicians={technicians} />
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          Search
        </button>
        <a href={`/api/exports/jobs?${query(filter)}`} className="ml-auto text-sm text-brand-700 underline">
          Download CSV of this search
        </a>
      </form>
      <p className="text-xs text-slate-600">Dates match the visit, the requested arrival window or the day the job was entered.</p>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" aria-label="Jobs">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th className="px-3 py-2 font-medium">Work order</th>
            <th className="px-3 py-2 font-medium">Customer and site</th>
            <th className="px-3 py-2 font-medium">What</th>
            <th className="px-3 py-2 font-medium">When</th>
            <th className="px-3 py-2 font-medium">Technician</th>
            <th className="px-3 py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.items.map((j) => (
            <tr key={j.id} data-testid="job-row">
              <td className="px-3 py-2">
                <Link href={`/jobs/${j.id}`} className="font-medium text-brand-700 underline">
                  {j.workOrder}
                </Link>
                {j.seriesId ? <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-700">recurring</span> : null}
              </td>
              <td className="px-3 py-2">
                {j.customerName}
                <div className="text-xs text-slate-600">{[j.siteLabel, j.address, j.city].filter(Boolean).join(" · ")}</div>
              </td>
              <td className="px-3 py-2">
                {j.description}
                <div className="text-xs text-slate-600">{PRIORITY_LABEL[j.priority]}</div>
              </td>
              <td className="px-3 py-2 text-xs">{j.start ? when(j.start) : j.windowStart ? `asks ${when(j.windowStart)}` : `entered ${when(j.createdAt)}`}</td>
              <td className="px-3 py-2 text-xs">{j.technicianName ?? "—"}</td>
              <td className="px-3 py-2 text-xs">{STATUS_LABEL[j.status]}</td>
            </tr>
          ))}
          {page.items.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                No job matches this search.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {page.page > 1 ? (
          <Link href={`/jobs?${query(filter, page.page - 1)}`} className="text-brand-700 underline">
            Previous page
          </Link>
        ) : null}
        <span className="text-slate-600">Page {page.page}</span>
        {page.hasMore ? (
          <Link href={`/jobs?${query(filter, page.page + 1)}`} className="text-brand-700 underline">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
