/**
 * The audit trail in words: who did what, from the rows the database's audit trigger
 * wrote (table, before, after, context). Pure: names of people, technicians, jobs and
 * customers come in as lookups made in bulk by the caller (see lib/audit/references.ts).
 */
import { describeContext } from "@/lib/audit/context";
import { fieldChanges } from "@/lib/audit/fields";
import { sentenceOf } from "@/lib/audit/sentences";
import type { AuditDescription, AuditNames, AuditRecord, DescribeOptions } from "@/lib/audit/types";

/**
 * Who did it, as people know them.
 *
 * @example actorName({ actorId: null }, EMPTY_NAMES) // "The system"
 */
export function actorName(record: Pick<AuditRecord, "actorId">, names: AuditNames): string {
  if (!record.actorId) return "The system";
  return names.people[record.actorId] ?? "A former member";
}

/**
 * One audit row in words.
 *
 * @example
 * describeAuditEntry(
 *   { action: "update", tableName: "jobs", before: { work_order: "WO-1042", priority: 3 }, after: { work_order: "WO-1042", priority: 2 }, actorId: "u1", … },
 *   { ...EMPTY_NAMES, people: { u1: "Dana Novak" } },
 *   { timeZone: "America/Chicago" },
 * ).sentence // "Dana Novak changed job WO-1042: priority Normal → High"
 */
export function describeAuditEntry(record: AuditRecord, names: AuditNames, options: DescribeOptions): AuditDescription {
  const actor = actorName(record, names);
  const row = (record.action === "delete" ? record.before : record.after) ?? record.before ?? {};
  const fields = fieldChanges(record, names, options);
  const sentence = sentenceOf({ record, row, actor, names, options, changes: fields });

  const notes = describeContext(record.context);
  // a board change keeps the dispatcher's notify choice on the row itself
  if (record.tableName === "board_changes" && record.action === "insert" && typeof row.notify_customer === "boolean") {
    notes.push(row.notify_customer ? "customer notified" : "customer not notified");
  }
  return { actor, sentence, notes: [...new Set(notes)], fields };
}
