import Link from "next/link";
import type { AuditActor } from "@/lib/db/audit";
import { SYSTEM_ACTOR, type AuditSearchValues } from "@/lib/schemas/audit";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1";

/**
 * Day, person and job filters as a plain GET form: works without JavaScript, and a
 * filtered trail is a link one can share.
 */
export function AuditFilters({ values, actors }: { values: AuditSearchValues; actors: AuditActor[] }) {
  const filtered = Boolean(values.date || values.actor || values.job);
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit trail" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs text-slate-600">
        Day
        <input type="date" name="date" defaultValue={values.date ?? ""} className={FIELD} />
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-600">
        Person
        <select name="actor" defaultValue={values.actor ?? ""} className={FIELD}>
          <option value="">Anyone</option>
          <option value={SYSTEM_ACTOR}>The system (imports, automatic changes)</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-600">
        Job
        <input type="search" name="job" defaultValue={values.job ?? ""} placeholder="Work order, e.g. WO-1042" maxLength={64} className={`${FIELD} w-56`} />
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
        Filter
      </button>
      {filtered ? (
        <Link href="/audit" className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
