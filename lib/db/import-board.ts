/**
 * The board from a file: jobs created or updated by work order, and each placed on
 * the named crew through placeJob / unassignJob — the same locked, version-checked,
 * engine-checked and audited path a dispatcher's drag takes. Rows build on each
 * other (a visit placed on row 2 is on the board when row 3 is checked), so the
 * file runs in one transaction, row by row; the lookups every row needs (the
 * company's technicians, customers and the file's existing jobs) are read once.
 */
import type { Queryable } from "@/lib/db/client";
import { JOB_SELECT, mapJob, type BoardJob } from "@/lib/db/board";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { listServiceRules, type StoredServiceRule } from "@/lib/db/service-rules";
import { ActionFailure } from "@/lib/actions/result";
import { customerTerms, decideNewJobTerms } from "@/lib/db/job-terms";
import { wallClock } from "@/lib/time/zoned-time";
import { formatInZone } from "@/lib/time/format-time";
import { PRIORITY_LABEL } from "@/lib/board-format";
import type { BoardCsvRow } from "@/lib/csv/board-csv";
import {
  RowProblem,
  allOrNothing,
  diff,
  eachRow,
  iso,
  loadTechnicianDirectory,
  sameInstant,
  sameList,
  type ImportActor,
  type ImportOptions,
  type ImportOutcome,
  type Outcome,
  type RowNotes,
  type TechnicianDirectory,
} from "@/lib/db/import-common";

type Actor = ImportActor;

interface CustomerRef {
  id: string;
  name: string;
  email: string | null;
  address: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  contract: boolean;
  sla_priority: number | null;
  response_minutes: number | null;
  contract_ends_on: string | null;
}

/** The company's customers by name, read once for the whole file. */
async function loadCustomersByName(tx: Queryable, orgId: string): Promise<Map<string, CustomerRef[]>> {
  const [{ j }] = await tx.query<{ j: string }>(
    `select coalesce(json_agg(json_build_object('id', id, 'name', name, 'email', email, 'address', address, 'city', city,
        'lat', lat, 'lng', lng, 'contract', contract, 'sla_priority', sla_priority, 'response_minutes', response_minutes,
        'contract_ends_on', contract_ends_on) order by created_at), '[]')::text as j
       from public.customers where org_id = $1`,
    [orgId],
  );
  const byName = new Map<string, CustomerRef[]>();
  for (const c of JSON.parse(j) as CustomerRef[]) {
    const key = c.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  return byName;
}

function findCustomer(customers: Map<string, CustomerRef[]>, name: string, address: string | undefined): CustomerRef {
  const rows = customers.get(name.trim().toLowerCase()) ?? [];
  if (rows.length === 0) throw new RowProblem("customer", `no customer named ${name} in your company`);
  if (rows.length === 1) return rows[0];
  // several sites of one name: the job's address tells them apart
  const at = rows.filter((c) => address && (c.address ?? "").trim().toLowerCase() === address.trim().toLowerCase());
  if (at.length === 1) return at[0];
  throw new RowProblem("customer", `${rows.length} customers are named ${name}; give the site's address in the address column`);
}

interface CurrentPlacement {
  id: string;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  version: number;
}

async function currentPlacement(tx: Queryable, jobId: string): Promise<CurrentPlacement | null> {
  const [a] = await tx.query<{ id: string; leader_id: string; starts_at: Date; ends_at: Date; version: number }>(
    "select id, leader_id, starts_at, ends_at, version from public.assignments where job_id = $1 and active",
    [jobId],
  );
  if (!a) return null;
  const helpers = await tx.query<{ technician_id: string }>("select technician_id from public.assignment_helpers where assignment_id = $1", [a.id]);
  return {
    id: a.id,
    leaderId: a.leader_id,
    helperIds: helpers.map((h) => h.technician_id).sort(),
    start: iso(a.starts_at)!,
    end: iso(a.ends_at)!,
    version: Number(a.version),
  };
}

/** The file's work orders that are already jobs, read in one statement. */
async function loadJobsByWorkOrder(tx: Queryable, orgId: string, workOrders: string[]): Promise<Map<string, BoardJob>> {
  const rows = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.org_id = $1 and j.work_order = any($2::text[])`, [orgId, workOrders]);
  return new Map(rows.map((r) => [r.work_order as string, mapJob(r)]));
}

async function jobIdOf(tx: Queryable, orgId: string, workOrder: string): Promise<string> {
  const [r] = await tx.query<{ id: string }>("select id from public.jobs where org_id = $1 and work_order = $2", [orgId, workOrder]);
  return r.id;
}

async function createBoardJob(
  tx: Queryable,
  actor: Actor,
  r: BoardCsvRow,
  customer: CustomerRef,
  rules: StoredServiceRule[],
  said: RowNotes,
  now: Date,
  timeZone: string,
): Promise<void> {
  const location = r.location ?? (customer.lat != null && customer.lng != null ? { lat: Number(customer.lat), lng: Number(customer.lng) } : null);
  if (!location) throw new RowProblem("lat", `is required: the customer ${customer.name} has no coordinates`);
  const terms = decideNewJobTerms(
    { description: r.description ?? "", notes: r.notes, requiredSkills: r.requiredSkills ?? [], priority: r.priority, slaProtected: r.slaProtected, deadline: r.deadline ?? null },
    customerTerms(customer, wallClock(now, timeZone).date),
    rules,
    now,
  );
  const decided = terms.decided;
  await tx.query(
    `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes,
        address, city, lat, lng, window_start, window_end, deadline, sla_protected, notes, source, created_by, deadline_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'import', $17, $18)`,
    [
      actor.orgId,
      r.workOrder,
      customer.id,
      r.description ?? "",
      decided.priority.value,
      r.requiredSkills ?? [],
      r.estimatedMinutes ?? 60,
      r.address ?? customer.address,
      r.city ?? customer.city,
      location.lat,
      location.lng,
      r.windowStart ?? null,
      r.windowEnd ?? null,
      terms.deadline,
      decided.slaProtected.value,
      r.notes ?? null,
      actor.userId,
      terms.deadlineReason,
    ],
  );
  if (decided.priority.rule) said.notes.push({ row: r.row, column: "priority", message: `${PRIORITY_LABEL[decided.priority.value]} by ${decided.priority.why}` });
  if (terms.deadlineReason) said.notes.push({ row: r.row, column: "deadline", message: `deadline ${formatInZone(terms.deadline!, "yyyy-MM-dd HH:mm", { timeZone })} by ${terms.deadlineReason}` });
  if (decided.slaProtected.rule) {
    said.notes.push({ row: r.row, column: "sla_protected", message: `${decided.slaProtected.value ? "SLA-protected" : "not SLA-protected"} by ${decided.slaProtected.why}` });
  }
}

async function updateBoardJob(tx: Queryable, job: BoardJob, r: BoardCsvRow, customer: CustomerRef): Promise<boolean> {
  const changes = diff(
    {
      customer_id: job.customerId,
      description: job.description,
      priority: job.priority,
      required_skills: job.requiredSkills,
      estimated_minutes: job.estimatedMinutes,
      address: job.address,
      city: job.city,
      lat: job.location.lat,
      lng: job.location.lng,
      window_start: job.windowStart,
      window_end: job.windowEnd,
      deadline: job.deadline,
      sla_protected: job.slaProtected,
      notes: job.notes,
    },
    {
      customer_id: customer.id,
      description: r.description,
      priority: r.priority,
      required_skills: r.requiredSkills,
      estimated_minutes: r.estimatedMinutes,
      address: r.address,
      city: r.city,
      lat: r.location?.lat,
      lng: r.location?.lng,
      window_start: r.windowStart,
      window_end: r.windowEnd,
      deadline: r.deadline,
      sla_protected: r.slaProtected,
      notes: r.notes,
    },
    (a, b) => (typeof a === "string" && typeof b === "string" && /^\d{4}-\d{2}-\d{2}T/.test(a) ? sameInstant(a, b) : a === b),
  );
  if (Object.keys(changes).length === 0) return false;
  const keys = Object.keys(changes);
  // version-checked: a dispatcher's change since the job was read wins, and the row says so
  const rows = await tx.query(
    `update public.jobs set ${keys.map((k, i) => `${k} = $${i + 3}`).join(", ")} where id = $1 and version = $2 returning id`,
    [job.id, job.version, ...keys.map((k) => changes[k])],
  );
  if (rows.length === 0) throw new RowProblem("work_order", `${job.workOrder} could not be changed: your role may not change jobs, or someone changed it just now`);
  return true;
}

async function applyPlacement(
  tx: Queryable,
  actor: Actor,
  technicians: TechnicianDirectory,
  jobId: string,
  r: BoardCsvRow,
  options: ImportOptions,
  said: RowNotes,
): Promise<Outcome | null> {
  if (r.assignment === undefined) return null;
  const current = await currentPlacement(tx, jobId);
  const [{ version: jobVersion }] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [jobId]);
  if (r.assignment === null) {
    if (!current) return null;
    await unassignJob(tx, actor, { jobId, jobVersion: Number(jobVersion), assignmentVersion: current.version, notifyCustomer: true }, options.now);
    return "updated";
  }
  const leader = technicians.find(r.assignment.technician, "technician");
  const helperIds: string[] = [];
  if (r.assignment.helpers === undefined) helperIds.push(...(current?.helperIds ?? []).filter((h) => h !== leader.id));
  else for (const h of r.assignment.helpers) helperIds.push(technicians.find(h, "helpers").id);
  if (helperIds.includes(leader.id)) throw new RowProblem("helpers", `${leader.name} leads the crew and cannot also be a helper`);
  const helpers = [...new Set(helperIds)].sort();
  if (
    current &&
    current.leaderId === leader.id &&
    sameList(current.helperIds, helpers) &&
    sameInstant(current.start, r.assignment.start) &&
    sameInstant(current.end, r.assignment.end)
  ) {
    return "unchanged";
  }
  try {
    const result = await placeJob(
      tx,
      actor,
      {
        jobId,
        jobVersion: Number(jobVersion),
        assignmentVersion: current?.version ?? null,
        leaderId: leader.id,
        helperIds: helpers,
        start: r.assignment.start,
        end: r.assignment.end,
        notifyCustomer: true,
      },
      options.now,
    );
    for (const w of result.warnings) said.warnings.push({ row: r.row, column: "technician", message: w.message });
  } catch (err) {
    if (err instanceof ActionFailure) throw new RowProblem("technician", err.message);
    throw err;
  }
  return current ? "updated" : "created";
}

/**
 * Creates or updates jobs by work order and places them on the named crews. New
 * jobs take the company's priority / SLA rules for what the row leaves open.
 */
export async function importBoard(
  tx: Queryable,
  actor: Actor,
  rows: readonly BoardCsvRow[],
  options: ImportOptions,
  onRow?: (done: number) => void,
): Promise<ImportOutcome> {
  const rules = await listServiceRules(tx, actor.orgId);
  const [{ time_zone: timeZone }] = await tx.query<{ time_zone: string }>("select time_zone from public.companies where id = $1", [actor.orgId]);
  const technicians = await loadTechnicianDirectory(tx, actor.orgId);
  const customers = await loadCustomersByName(tx, actor.orgId);
  const existingJobs = await loadJobsByWorkOrder(tx, actor.orgId, rows.map((r) => r.workOrder));
  return allOrNothing(tx, "board", ["jobs", "assignments"], options, (run) =>
    eachRow(
      tx,
      run,
      rows,
      "the board",
      async (r, said) => {
        const customer = findCustomer(customers, r.customer, r.address);
        const existing = existingJobs.get(r.workOrder) ?? null;
        let jobOutcome: Outcome;
        if (!existing) {
          await createBoardJob(tx, actor, r, customer, rules, said, options.now, timeZone);
          jobOutcome = "created";
        } else {
          jobOutcome = (await updateBoardJob(tx, existing, r, customer)) ? "updated" : "unchanged";
        }
        const jobId = existing?.id ?? (await jobIdOf(tx, actor.orgId, r.workOrder));
        const placed = await applyPlacement(tx, actor, technicians, jobId, r, options, said);
        const outcomes: [string, Outcome][] = [["jobs", jobOutcome]];
        if (placed) outcomes.push(["assignments", placed]);
        return outcomes;
      },
      onRow,
    ),
  );
}
