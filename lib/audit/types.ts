/** The audit trail's records and the names a page of them needs. */
export type AuditAction = "insert" | "update" | "delete";

export type Json = Record<string, unknown>;

/** One audit_log row, as lib/db/audit.ts maps it. */
export interface AuditRecord {
  id: string;
  /** ISO instant */
  at: string;
  actorId: string | null;
  action: AuditAction;
  tableName: string;
  rowId: string | null;
  before: Json | null;
  after: Json | null;
  context: Json | null;
}

/** Display names by id, looked up once per page. */
export interface AuditNames {
  /** sign-in id → full name (profiles) */
  people: Record<string, string>;
  /** technician id → name */
  technicians: Record<string, string>;
  /** job id → work order */
  jobs: Record<string, string>;
  /** customer id → name */
  customers: Record<string, string>;
  /** assignment id → work order of its job */
  assignments: Record<string, string>;
}

/** The ids a page of records mentions, by what they name. */
export type AuditReferences = { [K in keyof AuditNames]: string[] };

export interface DescribeOptions {
  /** The company's IANA time zone: every time is shown in it. */
  timeZone: string;
}

/** One field's value before and after, formatted for people. */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditDescription {
  /** "Dana Novak", "The system", "A former member" */
  actor: string;
  /** The whole change in one sentence, starting with who. */
  sentence: string;
  /** What the application said about the change: "(undo)", "customer not notified". */
  notes: string[];
  /** Field by field: the changed fields of an update, the values of an insert or delete. */
  fields: FieldChange[];
}

export const EMPTY_NAMES: AuditNames = { people: {}, technicians: {}, jobs: {}, customers: {}, assignments: {} };
