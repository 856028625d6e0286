/** The company's slot template (recurring fixed and flex blocks) and recovery buffer. */
import type { Queryable } from "@/lib/db/client";
import type { SlotBlockValues } from "@/lib/schemas/slots";

export interface SlotBlockRow {
  id: string;
  weekday: number;
  start: string;
  end: string;
  kind: "fixed" | "flex";
  templateId: string | null;
  templateName: string | null;
  label: string;
}

export async function listSlotBlocks(tx: Queryable, orgId: string): Promise<SlotBlockRow[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select b.id, b.weekday, to_char(b.starts_at, 'HH24:MI') as start, to_char(b.ends_at, 'HH24:MI') as "end",
            b.kind, b.template_id, t.name as template_name, b.label
       from public.slot_blocks b left join public.job_templates t on t.id = b.template_id
      where b.org_id = $1 order by b.weekday, b.starts_at`,
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    weekday: Number(r.weekday),
    start: r.start as string,
    end: r.end as string,
    kind: r.kind as SlotBlockRow["kind"],
    templateId: (r.template_id as string | null) ?? null,
    templateName: (r.template_name as string | null) ?? null,
    label: r.label as string,
  }));
}

/** Adds one block per chosen weekday; the database refuses overlaps with a clear message. */
export async function addSlotBlocks(tx: Queryable, orgId: string, v: SlotBlockValues): Promise<string[]> {
  const ids: string[] = [];
  for (const weekday of v.weekdays) {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.slot_blocks (org_id, weekday, starts_at, ends_at, kind, template_id, label)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [orgId, weekday, v.start, v.end, v.kind, v.templateId, v.label],
    );
    ids.push(row.id);
  }
  return ids;
}

export async function removeSlotBlock(tx: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await tx.query("delete from public.slot_blocks where id = $1 and org_id = $2 returning id", [id, orgId]);
  return rows.length > 0;
}

export async function loadRecoveryBuffer(tx: Queryable, orgId: string): Promise<number> {
  const [row] = await tx.query<{ recovery_buffer_min: number }>("select recovery_buffer_min from public.companies where id = $1", [orgId]);
  return Number(row?.recovery_buffer_min ?? 0);
}

export async function saveRecoveryBuffer(tx: Queryable, orgId: string, minutes: number): Promise<boolean> {
  const rows = await tx.query("update public.companies set recovery_buffer_min = $2 where id = $1 returning id", [orgId, minutes]);
  return rows.length > 0;
}
