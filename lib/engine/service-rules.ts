/**
 * Priority and SLA rules: a company's standing instructions such as "contract
 * customers are SLA-protected" or "anything mentioning 'no heat' is an emergency".
 * Rules are tried in position order; for each field the first matching rule that
 * sets it decides. A value the person gave on the job is kept — rules fill only
 * what was left open — and every decision says why.
 *
 * A response time (from a rule, or from the customer's own contract terms) becomes
 * the job's deadline: the moment the job is taken plus that many minutes. The
 * customer's own terms come before the company's rules.
 */
import type { EpochMinute } from "@/lib/engine/types";

export const MATCH_KINDS = ["contract_customer", "skill", "keyword", "customer"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export type PriorityLevel = 1 | 2 | 3 | 4;

export interface ServiceRule {
  name: string;
  /**
   * contract_customer: the customer holds a service contract;
   * skill: the job needs this skill; keyword: the description or notes mention it;
   * customer: the customer's name (or email) is this.
   */
  matchKind: MatchKind;
  matchValue: string | null;
  setPriority: PriorityLevel | null;
  setSlaProtected: boolean | null;
  /** Minutes within which a job under the rule must be done; null: the rule sets no deadline. */
  responseMinutes?: number | null;
  position: number;
  active: boolean;
}

export interface RuleJob {
  description: string;
  notes?: string | null;
  requiredSkills: readonly string[];
  /** Given by the person (kept), or null / undefined for the rules to decide. */
  priority?: PriorityLevel | null;
  slaProtected?: boolean | null;
  /** A deadline the person gave (kept), or null / undefined for the terms to decide. */
  deadline?: EpochMinute | null;
}

export interface RuleCustomer {
  name: string;
  email?: string | null;
  contract: boolean;
  /** The customer's own contract terms: the priority their jobs take. */
  slaPriority?: PriorityLevel | null;
  /** The customer's own contract terms: minutes within which their jobs must be done. */
  responseMinutes?: number | null;
}

export interface ServiceRulesOptions {
  /** When neither the job nor a rule decides. Default 3 (normal). */
  defaultPriority?: PriorityLevel;
  /** When neither the job nor a rule decides. Default false. */
  defaultSlaProtected?: boolean;
  /** When the job is taken: a response time counts from here. Without it no deadline is set. */
  now?: EpochMinute;
}

export interface RuleDecision<T> {
  value: T;
  /** The rule that decided, or null (given on the job, or the default). */
  rule: string | null;
  why: string;
}

export interface ServiceRulesResult {
  priority: RuleDecision<PriorityLevel>;
  slaProtected: RuleDecision<boolean>;
  /** The deadline, epoch minutes, or null when nothing sets one. */
  deadline: RuleDecision<EpochMinute | null>;
}

/**
 * A response time in words: "45 min", "4 h", "1 h 30 min", "2 days".
 *
 * @example
 * formatResponse(240) // "4 h"
 */
export function formatResponse(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why a rule matches this job, or null when it does not. */
export function ruleMatch(rule: ServiceRule, job: RuleJob, customer: RuleCustomer): string | null {
  const value = rule.matchValue?.trim() ?? "";
  switch (rule.matchKind) {
    case "contract_customer":
      return customer.contract ? `${customer.name} has a service contract` : null;
    case "skill":
      return value && job.requiredSkills.some((s) => same(s, value)) ? `the job needs ${value}` : null;
    case "keyword": {
      if (!value) return null;
      const text = `${job.description}\n${job.notes ?? ""}`.toLowerCase();
      return text.includes(value.toLowerCase()) ? `the job mentions “${value}”` : null;
    }
    case "customer":
      return value && (same(customer.name, value) || (customer.email ? same(customer.email, value) : false))
        ? `the customer is ${customer.name}`
        : null;
  }
}

/** Active rules in the order they are tried: position, then name. */
export function orderRules<R extends Pick<ServiceRule, "position" | "name" | "active">>(rules: readonly R[]): R[] {
  return rules.filter((r) => r.active).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/**
 * The priority and SLA protection a new job gets under the company's rules.
 *
 * @example
 * applyServiceRules(
 *   { description: "No heat in the dining room", requiredSkills: ["HVAC"] },
 *   { name: "Lakeview Diner", contract: true },
 *   [{ name: "Contracts", matchKind: "contract_customer", matchValue: null, setPriority: null, setSlaProtected: true, position: 1, active: true },
 *    { name: "No heat", matchKind: "keyword", matchValue: "no heat", setPriority: 1, setSlaProtected: null, position: 2, active: true }],
 * )
 * // { priority: { value: 1, rule: "No heat", why: "rule No heat: the job mentions “no heat”" },
 * //   slaProtected: { value: true, rule: "Contracts", why: "rule Contracts: Lakeview Diner has a service contract" } }
 */
export function applyServiceRules(
  job: RuleJob,
  customer: RuleCustomer,
  rules: readonly ServiceRule[],
  options: ServiceRulesOptions = {},
): ServiceRulesResult {
  const ordered = orderRules(rules);
  function decide<T>(given: T | null | undefined, setOf: (r: ServiceRule) => T | null, fallback: T): RuleDecision<T> {
    if (given !== null && given !== undefined) return { value: given, rule: null, why: "given on the job" };
    for (const rule of ordered) {
      const set = setOf(rule);
      if (set === null) continue;
      const why = ruleMatch(rule, job, customer);
      if (why) return { value: set, rule: rule.name, why: `rule ${rule.name}: ${why}` };
    }
    return { value: fallback, rule: null, why: "no rule applies: the company default" };
  }
  const terms = `${customer.name}'s contract terms`;
  const priority: RuleDecision<PriorityLevel> =
    (job.priority === null || job.priority === undefined) && customer.slaPriority
      ? { value: customer.slaPriority, rule: null, why: terms }
      : decide(job.priority, (r) => r.setPriority, options.defaultPriority ?? 3);
  return {
    priority,
    slaProtected: decide(job.slaProtected, (r) => r.setSlaProtected, options.defaultSlaProtected ?? false),
    deadline: decideDeadline(job, customer, ordered, options.now),
  };
}

function decideDeadline(job: RuleJob, customer: RuleCustomer, ordered: readonly ServiceRule[], now: EpochMinute | undefined): RuleDecision<EpochMinute | null> {
  if (job.deadline !== null && job.deadline !== undefined) return { value: job.deadline, rule: null, why: "given on the job" };
  if (now === undefined) return { value: null, rule: null, why: "no deadline given" };
  if (customer.responseMinutes) {
    return {
      value: now + customer.responseMinutes,
      rule: null,
      why: `${customer.name}'s contract terms: respond within ${formatResponse(customer.responseMinutes)}`,
    };
  }
  for (const rule of ordered) {
    if (!rule.responseMinutes) continue;
    const why = ruleMatch(rule, job, customer);
    if (why) {
      return {
        value: now + rule.responseMinutes,
        rule: rule.name,
        why: `rule ${rule.name}: ${why}, respond within ${formatResponse(rule.responseMinutes)}`,
      };
    }
  }
  return { value: null, rule: null, why: "no rule sets a response time" };
}
