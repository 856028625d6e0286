/**
 * Editing priority and SLA rules in the app, with a preview: which open jobs a rule
 * (as drafted) covers and what it would change on them, before anything is saved.
 */
import type { Queryable } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/result";
import { listServiceRules, type StoredServiceRule } from "@/lib/db/service-rules";
import { ruleMatch, type MatchKind, type PriorityLevel, type ServiceRule } from "@/lib/engine/service-rules";

export interface RuleDraft {
  name: string;
  matchKind: MatchKind;
  matchValue: string | null;
  setPriority: PriorityLevel | null;
  setSlaProtected: boolean | null;
  responseMinutes: number | null;
  position: number;
  active: boolean;
}

export interface RuleWithResponse extends StoredServiceRule {
  responseMinutes: number | null;
}

export interface AffectedJob {
  id: string;
  workOrder: string;
  customerName: string;
  status: string;
  why: string;
  /** What the rule would change, in words; empty when the job already agrees. */
  changes: string[];
  priority: PriorityLevel;
  slaProtected: boolean;
}

const PRIORITY_WORD = { 1: "Emergency", 2: "High", 3: "Normal", 4: "Low" } as const;
const OPEN = ["unscheduled", "scheduled", "published"];

export async function listRules(tx: Queryable, orgId: string): Promise<RuleWithResponse[]> {
  const rules = await listServiceRules(tx, orgId);
  return rules.map((r) => ({ ...r, responseMinutes: r.responseMinutes ?? null }));
}

/**
 * The open jobs (unscheduled, scheduled, published; the newest 2,000) the drafted rule
 * covers, each with why and what would change.
 *
 * @example
 * await previewRule(tx, orgId, { name: "No heat", matchKind: "keyword", matchValue: "no heat", setPriority: 1, … })
 * // [{ workOrder: "WO-1042", why: "the job mentions “no heat”", changes: ["priority Normal → Emergency"] }]
 */
export async function previewRule(tx: Queryable, orgId: string, draft: RuleDraft): Promise<AffectedJob[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select j.id, j.work_order, j.status, j.description, j.notes, j.required_skills, j.priority, j.sla_protected,
            c.name as customer_name, c.email as customer_email, c.contract
       from public.jobs j join public.customers c on c.id = j.customer_id
      where j.org_id = $1 and j.status = any($2::text[])
      order by j.created_at desc limit 2000`,
    [orgId, OPEN],
  );
  const rule: ServiceRule = { ...draft, active: true };
  const out: AffectedJob[] = [];
  for (const r of rows) {
    const why = ruleMatch(
      rule,
      { description: r.description as string, notes: (r.notes as string | null) ?? null, requiredSkills: (r.required_skills as string[]) ?? [] },
      { name: r.customer_name as string, email: (r.customer_email as string | null) ?? null, contract: Boolean(r.contract) },
    );
    if (!why) continue;
    const priority = Number(r.priority) as PriorityLevel;
    const sla = Boolean(r.sla_protected);
    const changes: string[] = [];
    if (draft.setPriority !== null && draft.setPriority !== priority) changes.push(`priority ${PRIORITY_WORD[priority]} → ${PRIORITY_WORD[draft.setPriority]}`);
    if (draft.setSlaProtected !== null && draft.setSlaProtected !== sla) changes.push(draft.setSlaProtected ? "may no longer be bumped (SLA)" : "may be bumped again");
    out.push({ id: r.id as string, workOrder: r.work_order as string, customerName: r.customer_name as string, status: r.status as string, why, changes, priority, slaProtected: sla });
  }
  return out;
}

/** Saves a rule; with `applyToOpenJobs`, the open jobs it covers take its priority and protection now. */
export async function saveRule(tx: Queryable, orgId: string, id: string | undefined, draft: RuleDraft, applyToOpenJobs: boolean): Promise<{ id: string; changedJobs: number }> {
  const params = [orgId, draft.name, draft.matchKind, draft.matchValue, draft.setPriority, draft.setSlaProtected, draft.responseMinutes, draft.position, draft.active];
  let ruleId = id;
  if (id) {
    const rows = await tx.query<{ id: string }>(
      `update public.service_rules set name = $2, match_kind = $3, match_value = $4, set_priority = $5, set_sla_protected = $6,
              response_minutes = $7, position = $8, active = $9
        where org_id = $1 and id = $10 returning id`,
      [...params, id],
    );
    if (rows.length === 0) throw new ActionFailure("not_found", "That rule no longer exists.");
  } else {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.service_rules (org_id, name, match_kind, match_value, set_priority, set_sla_protected, response_minutes, position, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      params,
    );
    ruleId = row.id;
  }
  let changedJobs = 0;
  if (applyToOpenJobs && draft.active) {
    const affected = (await previewRule(tx, orgId, draft)).filter((j) => j.changes.length > 0);
    for (const j of affected) {
      await tx.query(
        "update public.jobs set priority = coalesce($3, priority), sla_protected = coalesce($4, sla_protected) where org_id = $1 and id = $2",
        [orgId, j.id, draft.setPriority, draft.setSlaProtected],
      );
    }
    changedJobs = affected.length;
  }
  return { id: ruleId!, changedJobs };
}

export async function removeRule(tx: Queryable, orgId: string, id: string): Promise<void> {
  const rows = await tx.query("delete from public.service_rules where org_id = $1 and id = $2 returning id", [orgId, id]);
  if (rows.length === 0) throw new ActionFailure("not_found", "That rule no longer exists.");
}
