/**
 * The priority / SLA rules file: one rule a row, applied in `position` order (the
 * file's order when there is no position column); the first matching rule decides
 * each field. See lib/engine/service-rules.ts for what each match kind means.
 */
import { z } from "zod";
import { cell, integer, optionalText, priority, quoted, requiredText, yesNo } from "@/lib/csv/csv-cells";
import { duplicateErrors, parseCsvWith, toCsv, type CsvColumn, type CsvParseResult, type CsvSpec } from "@/lib/csv/csv-core";
import { PRIORITY_LABEL } from "@/lib/board-format";
import { MATCH_KINDS, type MatchKind } from "@/lib/engine/service-rules";

export const RULE_COLUMNS: CsvColumn[] = [
  { key: "name", aliases: ["rule"], required: true },
  { key: "match_kind", aliases: ["match", "when", "kind"], required: true },
  { key: "match_value", aliases: ["value", "matches"] },
  { key: "set_priority", aliases: ["priority"] },
  { key: "set_sla_protected", aliases: ["sla", "sla_protected"] },
  { key: "position", aliases: ["order"] },
  { key: "active" },
];

const matchKind = () =>
  cell<MatchKind>((s) => {
    const v = s.toLowerCase().replace(/[\s-]+/g, "_");
    const kind = v === "contract" ? "contract_customer" : v;
    return (MATCH_KINDS as readonly string[]).includes(kind)
      ? { ok: true, value: kind as MatchKind }
      : { ok: false, error: `must be one of ${MATCH_KINDS.join(", ")}, got ${quoted(s)}` };
  });

const RuleRow = z
  .object({
    name: requiredText(120),
    match_kind: matchKind(),
    match_value: optionalText(200).optional(),
    set_priority: priority().optional(),
    set_sla_protected: yesNo().optional(),
    position: integer(0, 100_000).optional(),
    active: yesNo().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.match_kind !== "contract_customer" && !r.match_value) {
      ctx.addIssue({ code: "custom", path: ["match_value"], message: `is required for a ${r.match_kind} rule (the ${r.match_kind} to look for)` });
    }
    if ((r.set_priority ?? null) === null && (r.set_sla_protected ?? null) === null) {
      ctx.addIssue({ code: "custom", path: ["set_priority"], message: "a rule must set a priority, SLA protection, or both" });
    }
  });

export interface RuleCsvRow {
  row: number;
  name: string;
  matchKind: MatchKind;
  matchValue: string | null;
  setPriority: 1 | 2 | 3 | 4 | null;
  setSlaProtected: boolean | null;
  position: number;
  active: boolean;
}

/**
 * Parses a rules CSV.
 *
 * @example
 * parseRulesCsv("name,match_kind,set_priority,set_sla_protected\r\nContracts first,contract_customer,High,yes")
 * // { rows: [{ row: 2, name: "Contracts first", matchKind: "contract_customer", matchValue: null, setPriority: 2, setSlaProtected: true, position: 1, active: true }], errors: [] }
 */
export function parseRulesCsv(text: string): CsvParseResult<RuleCsvRow> {
  const result = parseCsvWith(text, RULE_COLUMNS, RuleRow, RULES_SPEC.across);
  return { ...result, rows: toRuleRows(result.rows) };
}

/** The rules file for {@link readCsvFile}; its rows become rules through {@link toRuleRows}. */
export const RULES_SPEC = {
  columns: RULE_COLUMNS,
  schema: RuleRow,
  across: (rows: (z.output<typeof RuleRow> & { row: number })[]) => duplicateErrors(rows, (r) => r.name.toLowerCase(), "name", (r) => `the rule ${r.name}`),
} satisfies CsvSpec<typeof RuleRow>;

/** Rows as read into rules: a file without positions keeps its own order. */
export function toRuleRows(rows: (z.output<typeof RuleRow> & { row: number })[]): RuleCsvRow[] {
  return rows.map((r) => ({
    row: r.row,
    name: r.name,
    matchKind: r.match_kind,
    matchValue: r.match_kind === "contract_customer" ? null : (r.match_value ?? null),
    setPriority: r.set_priority ?? null,
    setSlaProtected: r.set_sla_protected ?? null,
    position: r.position ?? r.row - 1,
    active: r.active ?? true,
  }));
}

/** The rules as a CSV that imports back unchanged. */
export function serializeRules(rules: readonly Omit<RuleCsvRow, "row">[]): string {
  return toCsv(
    RULE_COLUMNS.map((c) => c.key),
    rules.map((r) => [r.name, r.matchKind, r.matchValue, r.setPriority ? PRIORITY_LABEL[r.setPriority] : "", r.setSlaProtected, r.position, r.active]),
  );
}
