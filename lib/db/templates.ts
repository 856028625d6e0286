/** Job templates and their pre-assigned workers. */
import type { Queryable } from "@/lib/db/client";

export type DispatchMode = "preassigned" | "broadcast" | "auto" | "manual";

export interface JobTemplate {
  id: string;
  name: string;
  defaultMinutes: number;
  requiredSkills: string[];
  priority: 1 | 2 | 3 | 4;
  notes: string | null;
  dispatchMode: DispatchMode;
  autoDispatchEnabled: boolean;
  active: boolean;
  workers: { technicianId: string; role: "leader" | "helper"; position: number }[];
}

export interface TemplateInput {
  name: string;
  defaultMinutes: number;
  requiredSkills: string[];
  priority: 1 | 2 | 3 | 4;
  notes: string | null;
  dispatchMode: DispatchMode;
  autoDispatchEnabled: boolean;
  active: boolean;
  leaderIds: string[];
  helperIds: string[];
}

export async function listTemplates(tx: Queryable, orgId: string, options: { activeOnly?: boolean } = {}): Promise<JobTemplate[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select id, name, default_minutes, required_skills, priority, notes, dispatch_mode, auto_dispatch_enabled, active
       from public.job_templates where org_id = $1 and ($2::boolean is not true or active) order by name`,
    [orgId, options.activeOnly ?? false],
  );
  const workers = await tx.query<{ template_id: string; technician_id: string; role: "leader" | "helper"; position: number }>(
    "select template_id, technician_id, role, position from public.job_template_workers where org_id = $1 order by role desc, position",
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    defaultMinutes: Number(r.default_minutes),
    requiredSkills: (r.required_skills as string[]) ?? [],
    priority: Number(r.priority) as JobTemplate["priority"],
    notes: (r.notes as string | null) ?? null,
    dispatchMode: r.dispatch_mode as DispatchMode,
    autoDispatchEnabled: Boolean(r.auto_dispatch_enabled),
    active: Boolean(r.active),
    workers: workers
      .filter((w) => w.template_id === r.id)
      .map((w) => ({ technicianId: w.technician_id, role: w.role, position: Number(w.position) })),
  }));
}

export async function getTemplate(tx: Queryable, orgId: string, id: string): Promise<JobTemplate | null> {
  return (await listTemplates(tx, orgId)).find((t) => t.id === id) ?? null;
}

async function writeWorkers(tx: Queryable, orgId: string, templateId: string, input: TemplateInput): Promise<void> {
  await tx.query("delete from public.job_template_workers where template_id = $1", [templateId]);
  let position = 0;
  for (const id of input.leaderIds) {
    await tx.query(
      "insert into public.job_template_workers (org_id, template_id, technician_id, role, position) values ($1, $2, $3, 'leader', $4)",
      [orgId, templateId, id, position++],
    );
  }
  for (const id of input.helperIds.filter((h) => !input.leaderIds.includes(h))) {
    await tx.query(
      "insert into public.job_template_workers (org_id, template_id, technician_id, role, position) values ($1, $2, $3, 'helper', $4)",
      [orgId, templateId, id, position++],
    );
  }
}

/** Creates a template (admins; row-level security refuses others). */
export async function createTemplate(tx: Queryable, orgId: string, input: TemplateInput): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.job_templates (org_id, name, default_minutes, required_skills, priority, notes, dispatch_mode, auto_dispatch_enabled, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [orgId, input.name, input.defaultMinutes, input.requiredSkills, input.priority, input.notes, input.dispatchMode, input.autoDispatchEnabled, input.active],
  );
  await writeWorkers(tx, orgId, row.id, input);
  return row.id;
}

/** Updates a template; false when it does not exist (or is not this company's). */
export async function updateTemplate(tx: Queryable, orgId: string, id: string, input: TemplateInput): Promise<boolean> {
  const rows = await tx.query(
    `update public.job_templates set name = $3, default_minutes = $4, required_skills = $5, priority = $6, notes = $7,
            dispatch_mode = $8, auto_dispatch_enabled = $9, active = $10, updated_at = now()
      where id = $1 and org_id = $2 returning id`,
    [id, orgId, input.name, input.defaultMinutes, input.requiredSkills, input.priority, input.notes, input.dispatchMode, input.autoDispatchEnabled, input.active],
  );
  if (rows.length === 0) return false;
  await writeWorkers(tx, orgId, id, input);
  return true;
}
