/**
 * The terms a new job is taken under: the company's priority / SLA rules and the
 * customer's own contract terms (read with the customer by whoever creates the job,
 * see createJob in lib/db/dispatch.ts), decided by the engine
 * (lib/engine/service-rules.ts). What the person gave is kept; a response time
 * becomes the deadline, with the reason kept on the job.
 */
import type { StoredServiceRule } from "@/lib/db/service-rules";
import { applyServiceRules, type PriorityLevel, type RuleCustomer, type RuleJob, type ServiceRulesResult } from "@/lib/engine/service-rules";
import { toIso, toMinute } from "@/lib/time/epoch-minute";

export interface NewJobTerms {
  priority: PriorityLevel;
  slaProtected: boolean;
  /** ISO instant, or null. */
  deadline: string | null;
  /** Why the deadline, when a rule or the customer's terms set it (null when given or none). */
  deadlineReason: string | null;
  decided: ServiceRulesResult;
}

export interface NewJobTermsInput {
  description: string;
  notes?: string | null;
  requiredSkills: readonly string[];
  priority?: PriorityLevel | null;
  slaProtected?: boolean | null;
  /** ISO instant given by the person, or null / undefined. */
  deadline?: string | null;
}

/** A customer row's terms; terms of a contract that has ended no longer apply. */
export function customerTerms(
  c: { name: string; email: string | null; contract: boolean; sla_priority: number | null; response_minutes: number | null; contract_ends_on?: string | null },
  today?: string,
): RuleCustomer {
  const ended = Boolean(c.contract_ends_on && today && c.contract_ends_on < today);
  return {
    name: c.name,
    email: c.email,
    contract: Boolean(c.contract),
    slaPriority: ended || c.sla_priority == null ? null : (Number(c.sla_priority) as PriorityLevel),
    responseMinutes: ended || c.response_minutes == null ? null : Number(c.response_minutes),
  };
}

/**
 * Decides a new job's priority, SLA protection and deadline at `now`.
 *
 * @example
 * const terms = decideNewJobTerms({ description: "No heat", requiredSkills: [] }, customer, rules, new Date());
 * // { deadline: "2026-12-02T19:00:00.000Z", deadlineReason: "rule Heat calls: the job mentions “no heat”, respond within 4 h", … }
 */
export function decideNewJobTerms(job: NewJobTermsInput, customer: RuleCustomer, rules: readonly StoredServiceRule[], now: Date): NewJobTerms {
  const ruleJob: RuleJob = {
    description: job.description,
    notes: job.notes ?? null,
    requiredSkills: job.requiredSkills,
    priority: job.priority ?? null,
    slaProtected: job.slaProtected ?? null,
    deadline: job.deadline ? toMinute(job.deadline) : null,
  };
  const decided = applyServiceRules(ruleJob, customer, rules, { now: toMinute(now) });
  const given = decided.deadline.why === "given on the job";
  return {
    priority: decided.priority.value,
    slaProtected: decided.slaProtected.value,
    deadline: given ? new Date(job.deadline!).toISOString() : decided.deadline.value === null ? null : toIso(decided.deadline.value),
    deadlineReason: given || decided.deadline.value === null ? null : decided.deadline.why,
    decided,
  };
}

