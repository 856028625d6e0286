/** Priority / SLA rules from a file, by name. Admins only (the database says so). */
import type { Queryable } from "@/lib/db/client";
import type { RuleCsvRow } from "@/lib/csv/rules-csv";
import { allOrNothing, diff, eachRow, updateChanged, type ImportActor, type ImportOptions, type ImportOutcome } from "@/lib/db/import-common";

/** Creates or updates the company's priority / SLA rules by name. Admins only (the database says so). */
export async function importRules(tx: Queryable, actor: ImportActor, rows: readonly RuleCsvRow[], options: ImportOptions): Promise<ImportOutcome> {
  return allOrNothing(tx, "rules", ["rules"], options, (run) =>
    eachRow(tx, run, rows, "service rules", async (r) => {
      const [found] = await tx.query<Record<string, unknown> & { id: string }>(
        `select id, name, match_kind, match_value, set_priority, set_sla_protected, position, active
           from public.service_rules where org_id = $1 and lower(trim(name)) = lower(trim($2))`,
        [actor.orgId, r.name],
      );
      const desired = {
        name: r.name,
        match_kind: r.matchKind,
        match_value: r.matchValue,
        set_priority: r.setPriority,
        set_sla_protected: r.setSlaProtected,
        position: r.position,
        active: r.active,
      };
      if (!found) {
        await tx.query(
          `insert into public.service_rules (org_id, name, match_kind, match_value, set_priority, set_sla_protected, position, active)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [actor.orgId, r.name, r.matchKind, r.matchValue, r.setPriority, r.setSlaProtected, r.position, r.active],
        );
        return [["rules", "created"]];
      }
      const changes = diff(
        { ...found, set_priority: found.set_priority == null ? null : Number(found.set_priority), position: Number(found.position) },
        desired,
      );
      if (Object.keys(changes).length === 0) return [["rules", "unchanged"]];
      await updateChanged(tx, "service_rules", found.id, changes, "service rules");
      return [["rules", "updated"]];
    }),
  );
}

