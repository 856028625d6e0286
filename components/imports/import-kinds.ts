/** What each kind of import file holds, in words, and a blank file to start from. Pure. */
import { boardTemplateCsv } from "@/lib/csv/board-csv";
import { serializeCustomers } from "@/lib/csv/customers-csv";
import { serializeRules } from "@/lib/csv/rules-csv";
import { serializeTechnicians } from "@/lib/csv/technicians-csv";
import type { ImportKind } from "@/lib/schemas/imports";

export interface KindInfo {
  label: string;
  /** How rows are matched to what is already there. */
  matchedBy: string;
  columns: string;
  adminOnly: boolean;
}

export const KIND_INFO: Record<ImportKind, KindInfo> = {
  technicians: {
    label: "Technicians",
    matchedBy: "external id, else email, else name",
    columns: "name, email, phone, skills (\"HVAC; EPA-608\"), home_lat, home_lng, home_address, mon … sun (\"08:00-16:30\", empty = day off), active, external_id",
    adminOnly: false,
  },
  customers: {
    label: "Customers",
    matchedBy: "external id, else email, else name and address",
    columns: "name, email, phone, address, city, lat, lng, contract (yes/no), preferred_technician (name or email), external_id",
    adminOnly: false,
  },
  board: {
    label: "Board (jobs and assignments)",
    matchedBy: "work order",
    columns:
      "work_order, customer, description, priority (1-4 or Emergency/High/Normal/Low), required_skills, estimated_minutes, address, city, lat, lng, window_start, window_end, deadline, sla_protected, notes, technician, helpers, start, end",
    adminOnly: false,
  },
  rules: {
    label: "Priority and SLA rules",
    matchedBy: "rule name",
    columns: "name, match_kind (contract_customer, skill, keyword, customer), match_value, set_priority, set_sla_protected, position, active",
    adminOnly: true,
  },
};

/** A blank file with the kind's columns, as a spreadsheet opens it. */
export function templateFor(kind: ImportKind): { filename: string; text: string } {
  const text =
    kind === "technicians" ? serializeTechnicians([]) : kind === "customers" ? serializeCustomers([]) : kind === "board" ? boardTemplateCsv() : serializeRules([]);
  return { filename: `crewboard-${kind}-template.csv`, text };
}

/**
 * The text of a chosen file: UTF-8 (with or without BOM), else Windows-1252 — what
 * Excel's plain "CSV (Comma delimited)" writes — so accented names survive.
 *
 * @example decodeCsvBytes(new Uint8Array([0x4a, 0x6f, 0x73, 0xe9])) // "José"
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
