/** The company's priority / SLA rules (see lib/engine/service-rules.ts for what they mean). */
import type { Queryable } from "@/lib/db/client";
import type { MatchKind, PriorityLevel, ServiceRule } from "@/lib/engine/service-rules";

export interface StoredServiceRule extends ServiceRule {
  id: string;
}

/** Every rule of the company, in the order they are tried (inactive ones included). */
export async function listServiceRules(tx: Queryable, orgId: string): Promise<StoredServiceRule[]> {
  const rows = await tx.query<{
    id: string;
    name: string;
    match_kind: MatchKind;
    match_value: string | null;
    set_priority: number | null;
    set_sla_protected: boolean | null;
    response_minutes: number | null;
    position: number;
    active: boolean;
  }>(
    `select id, name, match_kind, match_value, set_priority, set_sla_protected, response_minutes, position, active
       from public.service_rules where org_id = $1 order by position, name`,
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    matchKind: r.match_kind,
    matchValue: r.match_value,
    setPriority: r.set_priority === null ? null : (Number(r.set_priority) as PriorityLevel),
    setSlaProtected: r.set_sla_protected,
    responseMinutes: r.response_minutes === null ? null : Number(r.response_minutes),
    position: Number(r.position),
    active: r.active,
  }));
}
