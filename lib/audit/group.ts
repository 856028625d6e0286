/**
 * One entry per change: the rows the audit triggers wrote in one transaction (a
 * drag's job, visit, helper and board-change rows; an optimisation's moves) are one
 * change, told by the sentence of its most telling row, with every row's details
 * folded inside.
 */
import { describeAuditEntry } from "@/lib/audit/describe";
import type { AuditDescription, AuditNames, AuditRecord, DescribeOptions } from "@/lib/audit/types";

/** The rows one transaction wrote, as the trail shows them. */
export interface AuditChange {
  /** Stable within a page: the writing transaction, or its time for rows recorded without one. */
  key: string;
  /** ISO instant the change was made (the transaction's time). */
  at: string;
  actorId: string | null;
  /** The rows in the order they were written; at most the first {@link ROWS_PER_CHANGE}. */
  records: AuditRecord[];
  /** How many rows the change wrote in all (may exceed `records.length`). */
  rowCount: number;
  /** Ids of the rows a filter asked for (a job's rows): they tell the change. Empty without a filter. */
  focus: string[];
}

export interface ChangeDescription {
  actor: string;
  /** The change in one sentence: the sentence of its headline row. */
  sentence: string;
  /** Every note the application made on any of its rows, once. */
  notes: string[];
  /** The headline row, described. */
  headline: AuditRecord;
  /** Every row shown, described, in the order written. */
  rows: { record: AuditRecord; description: AuditDescription }[];
  /** Rows written but not loaded ("and 120 more rows"). */
  hiddenRows: number;
}

/** How many rows of one change a page loads; an import slice can write hundreds. */
export const ROWS_PER_CHANGE = 40;

/**
 * Which row speaks for the change: what the person asked for (an urgent request's
 * decision, an optimisation, a publication, a board change), else the first row written.
 */
const HEADLINE_TABLES = ["urgent_requests", "day_optimisations", "publications", "board_changes"];

export function headlineOf(records: AuditRecord[], focus: readonly string[] = []): AuditRecord {
  const asked = records.filter((r) => focus.includes(r.id));
  const candidates = asked.length > 0 ? asked : records;
  for (const table of HEADLINE_TABLES) {
    const found = candidates.find((r) => r.tableName === table);
    if (found) return found;
  }
  return candidates[0];
}

/**
 * Rows (newest change first, each change's rows in written order — a filter's rows
 * first — as lib/db/audit.ts reads them) grouped into changes by transaction.
 */
export function groupChanges(rows: (AuditRecord & { changeKey: string; rowCount: number; focus?: boolean })[]): AuditChange[] {
  const changes: AuditChange[] = [];
  const byKey = new Map<string, AuditChange>();
  for (const { changeKey, rowCount, focus, ...record } of rows) {
    let change = byKey.get(changeKey);
    if (!change) {
      change = { key: changeKey, at: record.at, actorId: record.actorId, records: [], rowCount, focus: [] };
      byKey.set(changeKey, change);
      changes.push(change);
    }
    change.records.push(record);
    if (focus) change.focus.push(record.id);
  }
  return changes;
}

/**
 * A change in words.
 *
 * @example
 * // a drag: the board change, the visit and the job, written together
 * describeChange({ records: [visitRow, jobRow, boardChangeRow], rowCount: 3, … }, names, options).sentence
 * // "Dana Novak moved WO-1042 from Ali Adams 09:00 to Sam Ortiz 13:30"
 */
export function describeChange(change: AuditChange, names: AuditNames, options: DescribeOptions): ChangeDescription {
  const rows = change.records.map((record) => ({ record, description: describeAuditEntry(record, names, options) }));
  const headline = headlineOf(change.records, change.focus);
  const main = rows.find((r) => r.record === headline)!.description;
  const notes = [...new Set(rows.flatMap((r) => r.description.notes))];
  return {
    actor: main.actor,
    sentence: main.sentence,
    notes,
    headline,
    rows,
    hiddenRows: Math.max(0, change.rowCount - change.records.length),
  };
}
