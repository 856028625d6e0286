import { describe, expect, test } from "vitest";
import { applyServiceRules, formatResponse, orderRules, ruleMatch, type RuleCustomer, type RuleJob, type ServiceRule } from "@/lib/engine/service-rules";

const rule = (over: Partial<ServiceRule>): ServiceRule => ({
  name: "rule",
  matchKind: "keyword",
  matchValue: "no heat",
  setPriority: null,
  setSlaProtected: null,
  position: 1,
  active: true,
  ...over,
});

const diner: RuleCustomer = { name: "Lakeview Diner", email: "diner@example.test", contract: true };
const dental: RuleCustomer = { name: "Oak Dental", contract: false };
const job = (over: Partial<RuleJob> = {}): RuleJob => ({ description: "Annual check", requiredSkills: [], ...over });

describe("ruleMatch", () => {
  test.each([
    [rule({ matchKind: "contract_customer", matchValue: null }), job(), diner, "Lakeview Diner has a service contract"],
    [rule({ matchKind: "contract_customer", matchValue: null }), job(), dental, null],
    [rule({ matchKind: "skill", matchValue: "epa-608" }), job({ requiredSkills: ["HVAC", "EPA-608"] }), dental, "the job needs epa-608"],
    [rule({ matchKind: "skill", matchValue: "refrigeration" }), job({ requiredSkills: ["HVAC"] }), dental, null],
    [rule({ matchKind: "keyword", matchValue: "No Heat" }), job({ description: "Customer reports no heat upstairs" }), dental, "the job mentions “No Heat”"],
    [rule({ matchKind: "keyword", matchValue: "gas" }), job({ notes: "Smells of gas at the meter" }), dental, "the job mentions “gas”"],
    [rule({ matchKind: "keyword", matchValue: "gas" }), job(), dental, null],
    [rule({ matchKind: "customer", matchValue: "lakeview diner" }), job(), diner, "the customer is Lakeview Diner"],
    [rule({ matchKind: "customer", matchValue: "DINER@example.test" }), job(), diner, "the customer is Lakeview Diner"],
    [rule({ matchKind: "customer", matchValue: "Lakeview" }), job(), diner, null],
  ])("%o on %o for %o → %j", (r, j, c, why) => expect(ruleMatch(r, j, c)).toBe(why));
});

describe("applyServiceRules", () => {
  const rules: ServiceRule[] = [
    rule({ name: "Contracts", matchKind: "contract_customer", matchValue: null, setSlaProtected: true, position: 10 }),
    rule({ name: "No heat", matchKind: "keyword", matchValue: "no heat", setPriority: 1, position: 20 }),
    rule({ name: "Any HVAC is high", matchKind: "skill", matchValue: "HVAC", setPriority: 2, setSlaProtected: false, position: 30 }),
    rule({ name: "Switched off", matchKind: "keyword", matchValue: "no heat", setPriority: 4, position: 5, active: false }),
  ];

  test("first match wins per field, inactive rules are skipped, each decision says why", () => {
    const r = applyServiceRules(job({ description: "No heat in the dining room", requiredSkills: ["HVAC"] }), diner, rules);
    expect(r).toEqual({
      priority: { value: 1, rule: "No heat", why: "rule No heat: the job mentions “no heat”" },
      slaProtected: { value: true, rule: "Contracts", why: "rule Contracts: Lakeview Diner has a service contract" },
      deadline: { value: null, rule: null, why: "no deadline given" },
    });
  });

  test("a later rule decides a field the earlier matches left open", () => {
    const r = applyServiceRules(job({ requiredSkills: ["HVAC"] }), dental, rules);
    expect(r.priority).toEqual({ value: 2, rule: "Any HVAC is high", why: "rule Any HVAC is high: the job needs HVAC" });
    expect(r.slaProtected).toEqual({ value: false, rule: "Any HVAC is high", why: "rule Any HVAC is high: the job needs HVAC" });
  });

  test("what the person gave is kept", () => {
    const r = applyServiceRules(job({ description: "no heat", priority: 4, slaProtected: false }), diner, rules);
    expect(r.priority).toEqual({ value: 4, rule: null, why: "given on the job" });
    expect(r.slaProtected).toEqual({ value: false, rule: null, why: "given on the job" });
  });

  test("no rule: the defaults", () => {
    expect(applyServiceRules(job(), dental, rules)).toEqual({
      priority: { value: 3, rule: null, why: "no rule applies: the company default" },
      slaProtected: { value: false, rule: null, why: "no rule applies: the company default" },
      deadline: { value: null, rule: null, why: "no deadline given" },
    });
    expect(applyServiceRules(job(), dental, [], { defaultPriority: 4 }).priority.value).toBe(4);
  });

  describe("response time → deadline", () => {
    // 2026-12-02T15:00Z in epoch minutes
    const now = Date.UTC(2026, 11, 2, 15, 0) / 60000;
    const timed: ServiceRule[] = [
      rule({ name: "Heat calls", matchKind: "keyword", matchValue: "no heat", responseMinutes: 240, position: 10 }),
      rule({ name: "Contracts", matchKind: "contract_customer", matchValue: null, responseMinutes: 1440, setSlaProtected: true, position: 20 }),
      rule({ name: "Off", matchKind: "keyword", matchValue: "no heat", responseMinutes: 30, position: 1, active: false }),
    ];

    test("the first matching rule with a response time sets the deadline from now, and says why", () => {
      const r = applyServiceRules(job({ description: "No heat upstairs" }), diner, timed, { now });
      expect(r.deadline).toEqual({ value: now + 240, rule: "Heat calls", why: "rule Heat calls: the job mentions “no heat”, respond within 4 h" });
      expect(applyServiceRules(job(), diner, timed, { now }).deadline).toEqual({
        value: now + 1440,
        rule: "Contracts",
        why: "rule Contracts: Lakeview Diner has a service contract, respond within 1 day",
      });
    });

    test("no matching rule with a response time: no deadline", () => {
      expect(applyServiceRules(job(), dental, timed, { now }).deadline).toEqual({ value: null, rule: null, why: "no rule sets a response time" });
      // a matching rule that sets no response time does not set one
      expect(applyServiceRules(job({ description: "no heat" }), dental, rules, { now }).deadline.value).toBeNull();
    });

    test("a deadline given on the job is kept", () => {
      expect(applyServiceRules(job({ description: "no heat", deadline: now + 30 }), diner, timed, { now }).deadline).toEqual({ value: now + 30, rule: null, why: "given on the job" });
    });

    test("the customer's own terms come before the rules, for the deadline and the priority", () => {
      const terms: RuleCustomer = { ...diner, responseMinutes: 90, slaPriority: 2 };
      const r = applyServiceRules(job({ description: "no heat" }), terms, [...timed, ...rules], { now });
      expect(r.deadline).toEqual({ value: now + 90, rule: null, why: "Lakeview Diner's contract terms: respond within 1 h 30 min" });
      expect(r.priority).toEqual({ value: 2, rule: null, why: "Lakeview Diner's contract terms" });
      expect(applyServiceRules(job({ priority: 4 }), terms, [], { now }).priority.value).toBe(4);
    });

    test.each([
      [45, "45 min"],
      [60, "1 h"],
      [90, "1 h 30 min"],
      [1440, "1 day"],
      [2880, "2 days"],
    ])("formatResponse(%i) → %s", (m, words) => expect(formatResponse(m)).toBe(words));
  });

  test("orderRules: position, then name; inactive left out", () => {
    expect(orderRules(rules).map((r) => r.name)).toEqual(["Contracts", "No heat", "Any HVAC is high"]);
    expect(orderRules([rule({ name: "b", position: 1 }), rule({ name: "a", position: 1 })]).map((r) => r.name)).toEqual(["a", "b"]);
  });
});
