import Link from "next/link";
import type { TechnicianFilter, TechnicianListItem } from "@/lib/db/technicians";
import { INPUT_CLASS } from "@/components/ui/Field";

/** The technicians with search and filters (a plain GET form: works without JavaScript). */
export function TechnicianList({ items, filter, facets, canEdit }: { items: TechnicianListItem[]; filter: TechnicianFilter; facets: { skills: string[]; zones: string[] }; canEdit: boolean }) {
  return (
    <div className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Filter technicians">
        <label className="text-xs font-medium text-slate-700">
          Search
          <input name="q" type="search" defaultValue={filter.q} className={INPUT_CLASS} placeholder="Name, email or phone" />
        </label>
        <label className="text-xs font-medium text-slate-700">
          Skill
          <select name="skill" defaultValue={filter.skill ?? ""} className={INPUT_CLASS}>
            <option value="">Any skill</option>
            {facets.skills.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-700">
          Zone
          <select name="zone" defaultValue={filter.zone ?? ""} className={INPUT_CLASS}>
            <option value="">Any zone</option>
            {facets.zones.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-700">
          Status
          <select name="state" defaultValue={filter.state ?? "active"} className={INPUT_CLASS}>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">All</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          Apply
        </button>
        {canEdit ? (
          <Link href="/technicians/new" className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
            Add technician
          </Link>
        ) : null}
      </form>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" aria-label="Technicians">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th className="px-3 py-2 font-medium">Name</th>
            <th className="px-3 py-2 font-medium">Contact</th>
            <th className="px-3 py-2 font-medium">Skills and certifications</th>
            <th className="px-3 py-2 font-medium">Zones</th>
            <th className="px-3 py-2 font-medium">Attention</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((t) => (
            <tr key={t.id} data-testid="technician-row">
              <td className="px-3 py-2">
                <Link href={`/technicians/${t.id}`} className="font-medium text-brand-700 underline">
                  {t.name}
                </Link>
                {!t.active ? <span className="ml-2 rounded bg-slate-200 px-1 text-xs">deactivated</span> : null}
              </td>
              <td className="px-3 py-2 text-xs text-slate-700">{[t.phone, t.email].filter(Boolean).join(" · ")}</td>
              <td className="px-3 py-2 text-xs">{t.skills.join(", ")}</td>
              <td className="px-3 py-2 text-xs">{t.zones.join(", ")}</td>
              <td className="px-3 py-2 text-xs text-amber-900">{t.certificationWarnings.join("; ")}</td>
            </tr>
          ))}
          {items.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                No technician matches these filters.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
