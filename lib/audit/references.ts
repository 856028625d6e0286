/** The ids a page of audit rows mentions, and names the rows themselves remember. */
import { text } from "@/lib/audit/fields";
import type { AuditNames, AuditRecord, AuditReferences } from "@/lib/audit/types";
const TECHNICIAN_FIELDS = ["technician_id", "leader_id", "preferred_technician_id"];

/**
 * Every id a page of records mentions, so the caller can look names up in a few
 * queries rather than one per row.
 */
export function referencesOf(records: AuditRecord[]): AuditReferences {
  const sets: { [K in keyof AuditNames]: Set<string> } = {
    people: new Set(),
    technicians: new Set(),
    jobs: new Set(),
    customers: new Set(),
    assignments: new Set(),
  };
  const add = (set: Set<string>, v: unknown) => {
    if (typeof v === "string" && v) set.add(v);
  };
  for (const r of records) {
    add(sets.people, r.actorId);
    for (const row of [r.before, r.after]) {
      if (!row) continue;
      for (const f of TECHNICIAN_FIELDS) add(sets.technicians, row[f]);
      add(sets.jobs, row.job_id);
      add(sets.customers, row.customer_id);
      add(sets.assignments, row.assignment_id);
      if (r.tableName === "memberships" || r.tableName === "technicians") add(sets.people, row.user_id);
      if (r.tableName === "board_changes") {
        for (const p of [row.before, row.after] as { leaderId?: string; helperIds?: string[] }[]) {
          if (!p || typeof p !== "object") continue;
          add(sets.technicians, p.leaderId);
          for (const h of p.helperIds ?? []) add(sets.technicians, h);
        }
      }
    }
  }
  return {
    people: [...sets.people],
    technicians: [...sets.technicians],
    jobs: [...sets.jobs],
    customers: [...sets.customers],
    assignments: [...sets.assignments],
  };
}

/**
 * Fills names the look-ups could not find (a deleted technician, job or customer)
 * from the records themselves, which keep the row as it was.
 */
export function withNamesFromRecords(names: AuditNames, records: AuditRecord[]): AuditNames {
  const out: AuditNames = {
    people: { ...names.people },
    technicians: { ...names.technicians },
    jobs: { ...names.jobs },
    customers: { ...names.customers },
    assignments: { ...names.assignments },
  };
  const own: Record<string, [keyof AuditNames, string]> = {
    technicians: ["technicians", "name"],
    jobs: ["jobs", "work_order"],
    customers: ["customers", "name"],
  };
  for (const r of records) {
    const target = own[r.tableName];
    if (!target || !r.rowId) continue;
    const [kind, field] = target;
    const value = text(r.after?.[field]) ?? text(r.before?.[field]);
    if (value && !out[kind][r.rowId]) out[kind][r.rowId] = value;
  }
  return out;
}
