import { z } from "zod";
import { DateParam } from "@/lib/schemas/board";

/** "system" picks the changes no signed-in person made (imports, workers, the seed). */
export const SYSTEM_ACTOR = "system";

/** The audit page's query string: every filter optional, an empty field means "any". */
export const AuditSearch = z.object({
  date: z.union([z.literal(""), DateParam]).optional(),
  actor: z.union([z.literal(""), z.literal(SYSTEM_ACTOR), z.uuid({ error: "Pick a person from the list." })]).optional(),
  job: z.string().trim().max(64, { error: "A work order is at most 64 characters." }).optional(),
  page: z.coerce.number({ error: "Page must be a number." }).int().min(1).max(10_000).optional(),
});

export interface AuditSearchValues {
  date: string | null;
  actor: string | null;
  job: string | null;
  page: number;
}

/**
 * Reads the audit page's query string field by field: a bad field is reported and
 * ignored, the others still apply.
 *
 * @example parseAuditSearch({ date: "2026-11-23", page: "2" }) // { values: { date: "2026-11-23", actor: null, job: null, page: 2 }, errors: [] }
 */
export function parseAuditSearch(raw: Record<string, string | string[] | undefined>): { values: AuditSearchValues; errors: string[] } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const values: AuditSearchValues = { date: null, actor: null, job: null, page: 1 };
  const errors: string[] = [];
  const shape = AuditSearch.shape;
  const date = shape.date.safeParse(first(raw.date));
  if (date.success) values.date = date.data || null;
  else errors.push(date.error.issues[0].message);
  const actor = shape.actor.safeParse(first(raw.actor));
  if (actor.success) values.actor = actor.data || null;
  else errors.push(actor.error.issues[0].message);
  const job = shape.job.safeParse(first(raw.job));
  if (job.success) values.job = job.data || null;
  else errors.push(job.error.issues[0].message);
  const page = shape.page.safeParse(first(raw.page));
  if (page.success) values.page = page.data ?? 1;
  else errors.push("That page does not exist; showing the first.");
  return { values, errors };
}
