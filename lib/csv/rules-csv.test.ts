import { describe, expect, test } from "vitest";
import { parseRulesCsv, serializeRules } from "@/lib/csv/rules-csv";

describe("parseRulesCsv", () => {
  test("a good file; the file's order is the rules' order when there is no position", () => {
    const text = [
      "name,match_kind,match_value,set_priority,set_sla_protected,active",
      "Contracts are protected,Contract Customer,,,yes,",
      "Gas leaks first,keyword,gas leak,Emergency,yes,yes",
      "Refrigeration,skill,refrigeration,2,,no",
      "Mayor's office,customer,City Hall,High,,",
    ].join("\r\n");
    const r = parseRulesCsv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { row: 2, name: "Contracts are protected", matchKind: "contract_customer", matchValue: null, setPriority: null, setSlaProtected: true, position: 1, active: true },
      { row: 3, name: "Gas leaks first", matchKind: "keyword", matchValue: "gas leak", setPriority: 1, setSlaProtected: true, position: 2, active: true },
      { row: 4, name: "Refrigeration", matchKind: "skill", matchValue: "refrigeration", setPriority: 2, setSlaProtected: null, position: 3, active: false },
      { row: 5, name: "Mayor's office", matchKind: "customer", matchValue: "City Hall", setPriority: 2, setSlaProtected: null, position: 4, active: true },
    ]);
  });

  test.each([
    ["Weather,season,winter,1,", "match_kind", "must be one of contract_customer, skill, keyword, customer, got 'season'"],
    ["Skills,skill,,1,", "match_value", "is required for a skill rule (the skill to look for)"],
    ["Nothing,keyword,boiler,,", "set_priority", "a rule must set a priority, SLA protection, or both"],
    ["Bad priority,keyword,boiler,9,", "set_priority", "must be 1-4 or Emergency, High, Normal, Low, got '9'"],
    ["Bad SLA,keyword,boiler,,perhaps", "set_sla_protected", "must be yes or no, got 'perhaps'"],
  ])("%j: %s — %s", (line, column, message) => {
    const r = parseRulesCsv(`name,match_kind,match_value,set_priority,set_sla_protected\r\n${line}`);
    expect(r.errors).toEqual([{ row: 2, column, message }]);
  });

  test("a rule name twice", () => {
    const r = parseRulesCsv("name,match_kind,set_priority\r\nContracts,contract,1\r\ncontracts,contract,2");
    expect(r.errors).toEqual([{ row: 3, column: "name", message: "the rule contracts already appears on row 2" }]);
  });

  test("semicolons, a BOM and a position column", () => {
    const r = parseRulesCsv("\uFEFFName;Match Kind;Match Value;Priority;Order\r\nBoilers;skill;boiler;High;30\r\n");
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ name: "Boilers", matchKind: "skill", setPriority: 2, position: 30 });
  });

  test("serialised rules read back the same", () => {
    const rules = [
      { name: "Contracts", matchKind: "contract_customer" as const, matchValue: null, setPriority: null, setSlaProtected: true, position: 1, active: true },
      { name: "-leak- words", matchKind: "keyword" as const, matchValue: "+leak", setPriority: 1 as const, setSlaProtected: false, position: 2, active: false },
    ];
    const back = parseRulesCsv(serializeRules(rules));
    expect(back.errors).toEqual([]);
    expect(back.rows).toEqual(rules.map((r, i) => ({ ...r, row: i + 2 })));
  });
});
