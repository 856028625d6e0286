/** One audit row as one sentence, per table. */
import { WEEKDAY_NAMES, asDate, formatInstant, formatLongDay, plural, technicianName, text } from "@/lib/audit/fields";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import type { AuditNames, AuditRecord, DescribeOptions, FieldChange, Json } from "@/lib/audit/types";
export interface Subject {
  record: AuditRecord;
  row: Json;
  actor: string;
  names: AuditNames;
  options: DescribeOptions;
  changes: FieldChange[];
}

/** "priority Normal → High; length 1 h → 2 h and 2 more" */
function changeList(changes: FieldChange[], max = 3): string {
  const shown = changes.slice(0, max).map((c) => `${c.label} ${c.before} → ${c.after}`);
  const rest = changes.length - shown.length;
  return shown.join("; ") + (rest > 0 ? ` and ${rest} more` : "");
}

function generic(s: Subject, noun: string, label: string | null, verbs: { insert: string; delete: string }): string {
  const what = label ? `${noun} ${label}` : noun;
  if (s.record.action === "insert") return `${s.actor} ${verbs.insert} ${what}`;
  if (s.record.action === "delete") return `${s.actor} ${verbs.delete} ${what}`;
  return s.changes.length > 0 ? `${s.actor} changed ${what}: ${changeList(s.changes)}` : `${s.actor} changed ${what}`;
}

const ADDED = { insert: "added", delete: "removed" };
const CREATED = { insert: "created", delete: "deleted" };

function jobOf(s: Subject): string {
  const id = text(s.row.job_id);
  return (id && s.names.jobs[id]) ?? "a removed job";
}

export const SENTENCES: Record<string, (s: Subject) => string> = {
  jobs: (s) => generic(s, "job", text(s.row.work_order), CREATED),
  technicians: (s) => generic(s, "technician", text(s.row.name), ADDED),
  customers: (s) => generic(s, "customer", text(s.row.name), ADDED),

  companies: (s) => {
    if (s.record.action === "insert") return `${s.actor} created the company ${text(s.row.name) ?? ""}`.trimEnd();
    if (s.record.action === "delete") return `${s.actor} deleted the company ${text(s.row.name) ?? ""}`.trimEnd();
    return s.changes.length > 0 ? `${s.actor} changed the company settings: ${changeList(s.changes)}` : `${s.actor} changed the company settings`;
  },

  memberships: (s) => {
    const person = s.names.people[String(s.row.user_id)] ?? "a former member";
    if (s.record.action === "insert") return `${s.actor} added ${person} as ${s.row.role}`;
    if (s.record.action === "delete") return `${s.actor} removed ${person} from the company`;
    return `${s.actor} changed ${person}'s role: ${s.record.before?.role} → ${s.record.after?.role}`;
  },

  technician_shifts: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const day = WEEKDAY_NAMES[Number(s.row.weekday)] ?? "weekly";
    const hours = `${String(s.row.starts_at).slice(0, 5)}–${String(s.row.ends_at).slice(0, 5)}`;
    if (s.record.action === "insert") return `${s.actor} added a ${day} shift for ${who} (${hours})`;
    if (s.record.action === "delete") return `${s.actor} removed ${who}'s ${day} shift (${hours})`;
    return `${s.actor} changed ${who}'s ${day} shift: ${changeList(s.changes)}`;
  },

  time_off: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const start = asDate(s.row.starts_at);
    const end = asDate(s.row.ends_at);
    const tz = s.options.timeZone;
    const span =
      start && end
        ? wallClock(start, tz).date === wallClock(end, tz).date
          ? `${formatInstant(start, tz)}–${formatHm(end, tz)}`
          : `${formatInstant(start, tz)} – ${formatInstant(end, tz)}`
        : "";
    const reason = text(s.row.reason) ? ` (${s.row.reason})` : "";
    if (s.record.action === "insert") return `${s.actor} added time off for ${who}: ${span}${reason}`;
    if (s.record.action === "delete") return `${s.actor} removed time off for ${who}: ${span}${reason}`;
    return `${s.actor} changed time off for ${who}: ${changeList(s.changes)}`;
  },

  assignments: (s) => {
    const wo = jobOf(s);
    const tz = s.options.timeZone;
    const start = asDate(s.row.starts_at);
    const end = asDate(s.row.ends_at);
    const when = start && end ? `${formatInstant(start, tz)}–${formatHm(end, tz)}` : "";
    const leader = technicianName(s.row.leader_id, s.names);
    if (s.record.action === "insert") return `${s.actor} scheduled ${wo} for ${leader}, ${when}`;
    if (s.record.action === "delete") return `${s.actor} deleted the visit for ${wo} (${leader}, ${when})`;
    const fields = s.changes.map((c) => c.field);
    if (fields.length === 1 && fields[0] === "active" && s.record.after?.active === false) {
      return `${s.actor} took ${wo} off the board (was ${leader}, ${when})`;
    }
    if (fields.length === 1 && fields[0] === "published_at" && s.record.after?.published_at) {
      return `${s.actor} published the visit for ${wo} (${leader}, ${when})`;
    }
    return s.changes.length > 0 ? `${s.actor} changed the visit for ${wo}: ${changeList(s.changes)}` : `${s.actor} changed the visit for ${wo}`;
  },

  assignment_helpers: (s) => {
    const who = technicianName(s.row.technician_id, s.names);
    const wo = s.names.assignments[String(s.row.assignment_id)] ?? "a removed visit";
    if (s.record.action === "insert") return `${s.actor} added ${who} as a helper on ${wo}`;
    if (s.record.action === "delete") return `${s.actor} removed ${who} as a helper on ${wo}`;
    return `${s.actor} changed the helpers on ${wo}: ${changeList(s.changes)}`;
  },

  board_changes: (s) => {
    const summary = text(s.row.summary) ?? `${s.actor} changed ${jobOf(s)}`;
    if (s.record.action === "update" && !s.record.before?.undone_at && s.record.after?.undone_at) {
      return `${s.actor} undid “${summary}”`;
    }
    if (s.record.action === "insert") return summary;
    return `${s.actor} changed the record of “${summary}”: ${changeList(s.changes)}`;
  },

  day_optimisations: (s) => {
    const summary = text(s.row.summary) ?? `${s.actor} optimised ${formatLongDay(String(s.row.day))}`;
    if (s.record.action === "update" && !s.record.before?.undone_at && s.record.after?.undone_at) {
      return `${s.actor} undid “${summary}”`;
    }
    return summary;
  },

  publications: (s) => {
    const counts = [
      plural(Number(s.row.assignment_count ?? 0), "visit"),
      plural(Number(s.row.technician_notices ?? 0), "technician notice"),
      plural(Number(s.row.customer_notices ?? 0), "customer notice"),
    ].join(", ");
    return `${s.actor} published ${formatLongDay(String(s.row.day))} (${counts})`;
  },
};

/**
 * The sentence for one row: what the application said for urgent requests, the
 * table's own sentence, or a plain one naming the table.
 */
export function sentenceOf(subject: Subject): string {
  const { record } = subject;
  const told = record.context && typeof record.context.summary === "string" ? record.context.summary : null;
  return (
    (record.tableName === "urgent_requests" && told ? told : null) ??
    SENTENCES[record.tableName]?.(subject) ??
    generic(subject, `a ${record.tableName.replace(/_/g, " ")} row`, null, { insert: "added", delete: "deleted" })
  );
}
