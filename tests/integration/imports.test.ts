// CSV imports and exports against the database: all or nothing, idempotent,
// placed through the board's own rules, scoped to the company, and exports that
// read back as the same board.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { ANALYZE_AFTER_ROWS, importCsv, type CsvImportResult } from "@/lib/db/import-run";
import { loadBoardExport, loadUnresolvedList } from "@/lib/db/exports";
import { BOARD_EXPORT_HEADER, serializeBoard } from "@/lib/csv/board-csv";
import { UNRESOLVED_HEADER, serializeUnresolved } from "@/lib/csv/unresolved-csv";
import type { ImportKind } from "@/lib/schemas/imports";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { MAX_IMPORT_ROWS } from "@/lib/schemas/imports";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

const TZ = "America/Chicago";

describe.each(testTargets())("CSV imports on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let admin: SessionUser;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    admin = { ...b.users.admin, name: "Ada Admin" };
  });
  afterEach(async () => db?.close());

  const run = (user: SessionUser, kind: ImportKind, csv: string, dryRun = false): Promise<CsvImportResult> =>
    importCsv(db, user, kind, csv, { dryRun, now: NINE_AM, timeZone: TZ });
  const asService = <T>(sql: string, params: unknown[] = []) => withService(db, (tx) => tx.query<T>(sql, params));
  const auditCount = async () => (await asService<{ n: number }>("select count(*)::int as n from public.audit_log where org_id = $1", [b.orgId]))[0].n;
  const count = async (table: string) => (await asService<{ n: number }>(`select count(*)::int as n from public.${table} where org_id = $1`, [b.orgId]))[0].n;
  const csv = (...lines: string[]) => lines.join("\r\n");

  const technicians = () =>
    csv(
      "Name;Email;Phone;Skills;Home Lat;Home Lng;Mon;Tue;Sat;Active",
      'Rosa Diaz;rosa@example.test;+13125550111;"HVAC; EPA-608";41,90;-87,65;07:00-15:30;07:00-15:30;;yes',
      "Tom Berg;;;plumbing;41.85;-87.70;08:00-16:30;;09:00-13:00;yes",
    );

  test("technicians: created with their shifts, then a second import changes nothing and writes no audit rows", async () => {
    const first = await run(b.dispatcher, "technicians", technicians());
    expect(first.errors).toEqual([]);
    expect(first.applied).toBe(true);
    expect(first.counts.technicians).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const [rosa] = await asService<{ id: string; skills: string[]; home_lat: number; phone: string }>(
      "select id, skills, home_lat, phone from public.technicians where org_id = $1 and email = 'rosa@example.test'",
      [b.orgId],
    );
    expect(rosa).toMatchObject({ skills: ["HVAC", "EPA-608"], home_lat: 41.9, phone: "+13125550111" });
    const shifts = await asService<{ weekday: number; starts_at: string }>(
      "select weekday, to_char(starts_at, 'HH24:MI') as starts_at from public.technician_shifts where technician_id = $1 order by weekday",
      [rosa.id],
    );
    expect(shifts).toEqual([{ weekday: 1, starts_at: "07:00" }, { weekday: 2, starts_at: "07:00" }]);

    const audit = await auditCount();
    const second = await run(b.dispatcher, "technicians", technicians());
    expect(second.counts.technicians).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await auditCount()).toBe(audit);

    // an existing technician (from the fixture) matched by email, one shift changed
    const ali = `ali.haddad.${b.job("A").split("-")[1]}@example.test`;
    const changed = await run(b.dispatcher, "technicians", csv("name,email,home_lat,home_lng,mon", `Ali Haddad,${ali},41.88,-87.63,09:00-17:00`));
    expect(changed.counts.technicians).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [mon] = await asService<{ starts_at: string }>(
      "select to_char(starts_at, 'HH24:MI') as starts_at from public.technician_shifts where technician_id = $1 and weekday = 1",
      [b.techs.ali],
    );
    expect(mon.starts_at).toBe("09:00");
  });

  test("one bad row rolls the whole import back: nothing written, the row reported", async () => {
    const before = { customers: await count("customers"), audit: await auditCount() };
    const r = await run(
      b.dispatcher,
      "customers",
      csv(
        "name,email,city,lat,lng,contract,preferred_technician",
        "Harbor Bakery,bakery@example.test,Chicago,41.89,-87.62,yes,Ali Haddad",
        "Union Gym,,Chicago,41.88,-87.64,no,Nobody Atall",
        "Ridge Clinic,clinic@example.test,Evanston,42.04,-87.68,yes,",
      ),
    );
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([{ row: 3, column: "preferred_technician", message: "no technician named Nobody Atall in your company" }]);
    // the counts say what would have happened to the other rows
    expect(r.counts.customers).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count("customers")).toBe(before.customers);
    expect(await auditCount()).toBe(before.audit);
  });

  test("a cell error refuses the file but still reports the database's problems of other rows", async () => {
    const r = await run(
      b.dispatcher,
      "board",
      csv("work_order,customer,estimated_minutes", "WO-N1,Lakeview Diner,ninety", "WO-N2,Nobody's Place,30", "WO-N3,Oak Dental,45"),
    );
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: "estimated_minutes", message: "must be a whole number of minutes, got 'ninety'" },
      { row: 3, column: "customer", message: "no customer named Nobody's Place in your company" },
    ]);
    expect(r.counts.jobs).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await asService("select 1 from public.jobs where work_order like 'WO-N%'")).toEqual([]);
  });

  test("a preview counts what would change and writes nothing", async () => {
    const audit = await auditCount();
    const r = await run(b.dispatcher, "technicians", technicians(), true);
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([]);
    expect(r.counts.technicians).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.rowCount).toBe(2);
    expect(r.table.columns).toContain("home_lat");
    expect(await count("technicians")).toBe(3);
    expect(await auditCount()).toBe(audit);
  });

  const board = (start = "10:00", end = "11:00") =>
    csv(
      "work_order,customer,description,priority,required_skills,estimated_minutes,technician,helpers,start,end",
      `${b.job("A")},Lakeview Diner,Test visit,Normal,HVAC,60,Ali Haddad,Sam Okafor,${DAY} ${start},${DAY} ${end}`,
      `WO-IMP-1,Oak Dental,Compressor check,High,HVAC,45,sam.okafor.${b.job("A").split("-")[1]}@example.test,,${DAY} 13:00,${DAY} 13:45`,
      `WO-IMP-2,Silent Storage,Door seal,Low,,30,,,,`,
    );

  test("a board import lands each job on the named crew, through the board's audited path", async () => {
    const r = await run(b.dispatcher, "board", board());
    expect(r.errors).toEqual([]);
    expect(r.applied).toBe(true);
    expect(r.counts).toEqual({ jobs: { created: 2, updated: 0, unchanged: 1 }, assignments: { created: 2, updated: 0, unchanged: 0 } });
    const placed = await asService<{ work_order: string; leader_id: string; starts_at: Date; helpers: string[]; status: string; priority: number; source: string }>(
      `select j.work_order, a.leader_id, a.starts_at, j.status, j.priority, j.source,
              array(select technician_id::text from public.assignment_helpers h where h.assignment_id = a.id) as helpers
         from public.jobs j left join public.assignments a on a.job_id = j.id and a.active
        where j.org_id = $1 and j.work_order in ($2, 'WO-IMP-1', 'WO-IMP-2') order by j.work_order`,
      [b.orgId, b.job("A")],
    );
    expect(placed.map((p) => [p.work_order, p.leader_id, p.starts_at && new Date(p.starts_at).toISOString(), p.helpers, p.status])).toEqual([
      [b.job("A"), b.techs.ali, at("10:00"), [b.techs.sam], "scheduled"],
      ["WO-IMP-1", b.techs.sam, at("13:00"), [], "scheduled"],
      ["WO-IMP-2", null, null, [], "unscheduled"],
    ]);
    expect(placed[1]).toMatchObject({ priority: 2, source: "import" });
    const changes = await asService<{ summary: string }>("select summary from public.board_changes where org_id = $1 order by created_at", [b.orgId]);
    expect(changes.map((c) => c.summary)).toEqual([
      `Dana Dispatcher scheduled ${b.job("A")} for Ali Haddad (with Sam Okafor) at 10:00–11:00`,
      "Dana Dispatcher scheduled WO-IMP-1 for Sam Okafor at 13:00–13:45",
    ]);

    // the same file again: nothing changes, no audit rows, no board changes
    const audit = await auditCount();
    const again = await run(b.dispatcher, "board", board());
    expect(again.counts).toEqual({ jobs: { created: 0, updated: 0, unchanged: 3 }, assignments: { created: 0, updated: 0, unchanged: 2 } });
    expect(await auditCount()).toBe(audit);
    expect(await count("board_changes")).toBe(2);

    // a moved visit is a versioned, audited move
    const moved = await run(b.dispatcher, "board", board("11:00", "12:00"));
    expect(moved.counts.assignments).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const [a] = await asService<{ version: number; starts_at: Date }>("select version, starts_at from public.assignments where job_id = $1 and active", [b.jobs.A]);
    expect(a.version).toBe(2);
    expect(new Date(a.starts_at).toISOString()).toBe(at("11:00"));
    expect(await auditCount()).toBeGreaterThan(audit);
  });

  test("an empty technician cell takes the job off the board", async () => {
    await run(b.dispatcher, "board", board());
    const r = await run(b.dispatcher, "board", csv("work_order,customer,technician,start,end", `WO-IMP-1,Oak Dental,,,`));
    expect(r.counts.assignments).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [job] = await asService<{ status: string }>("select status from public.jobs where org_id = $1 and work_order = 'WO-IMP-1'", [b.orgId]);
    expect(job.status).toBe("unscheduled");
  });

  test("rules set priority and SLA on imported jobs; what the row gives is kept", async () => {
    await withService(db, (tx) => tx.query("update public.customers set contract = true where id = $1", [b.customers.reachable]));
    const rulesCsv = csv(
      "name,match_kind,match_value,set_priority,set_sla_protected",
      "Contracts are protected,contract_customer,,,yes",
      "No heat is an emergency,keyword,no heat,Emergency,",
      "Refrigeration is high,skill,refrigeration,High,",
    );
    const rules = await run(admin, "rules", rulesCsv);
    expect(rules.errors).toEqual([]);
    expect(rules.counts.rules).toEqual({ created: 3, updated: 0, unchanged: 0 });
    // the same rules again change nothing
    expect((await run(admin, "rules", rulesCsv)).counts.rules).toEqual({ created: 0, updated: 0, unchanged: 3 });

    const r = await run(
      b.dispatcher,
      "board",
      csv(
        "work_order,customer,description,priority,required_skills,estimated_minutes",
        "WO-R1,Lakeview Diner,No heat in the dining room,,HVAC,60",
        "WO-R2,Oak Dental,Walk-in cooler warm,,refrigeration,90",
        "WO-R3,Oak Dental,No heat upstairs,Low,,60",
        "WO-R4,Silent Storage,Annual check,,,60",
      ),
    );
    expect(r.errors).toEqual([]);
    const jobs = await asService<{ work_order: string; priority: number; sla_protected: boolean }>(
      "select work_order, priority, sla_protected from public.jobs where org_id = $1 and work_order like 'WO-R%' order by work_order",
      [b.orgId],
    );
    expect(jobs).toEqual([
      { work_order: "WO-R1", priority: 1, sla_protected: true },
      { work_order: "WO-R2", priority: 2, sla_protected: false },
      { work_order: "WO-R3", priority: 4, sla_protected: false },
      { work_order: "WO-R4", priority: 3, sla_protected: false },
    ]);
    expect(r.notes).toContainEqual({ row: 2, column: "priority", message: "Emergency by rule No heat is an emergency: the job mentions “no heat”" });
    expect(r.notes).toContainEqual({ row: 2, column: "sla_protected", message: "SLA-protected by rule Contracts are protected: Lakeview Diner has a service contract" });
  });

  test("only admins keep rules: a dispatcher's rules import is refused whole", async () => {
    const r = await run(b.dispatcher, "rules", csv("name,match_kind,set_sla_protected", "Contracts,contract_customer,yes"));
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([{ row: 1, column: null, message: "your role may not import priority and SLA rules: only admins change them" }]);
    expect(await count("service_rules")).toBe(0);
  });

  test("a viewer cannot import: refused before anything is written", async () => {
    const audit = await auditCount();
    const r = await run(b.viewer, "customers", csv("name,city", "Viewer's Pick,Chicago", "Lakeview Diner,Evanston"));
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([{ row: 1, column: null, message: "your role may not import customers: only admins and dispatchers change them" }]);
    expect(await count("customers")).toBe(3);
    expect(await auditCount()).toBe(audit);
  });

  test("another company's technician is never matched by name", async () => {
    const other = await createTestBoard(db);
    await withService(db, (tx) => tx.query("update public.technicians set name = 'Zed Other' where id = $1", [other.techs.mei]));
    const r = await run(
      b.dispatcher,
      "board",
      csv("work_order,customer,technician,start,end", `${b.job("B")},Oak Dental,Zed Other,${DAY} 12:00,${DAY} 13:00`),
    );
    expect(r.errors).toEqual([{ row: 2, column: "technician", message: "no technician named Zed Other in your company" }]);
    const c = await run(b.dispatcher, "customers", csv("name,preferred_technician", "Somewhere,Zed Other"));
    expect(c.errors).toEqual([{ row: 2, column: "preferred_technician", message: "no technician named Zed Other in your company" }]);
    expect(await asService("select 1 from public.assignments where job_id = $1", [b.jobs.B])).toEqual([]);
  });

  test("the board export has the expected header and rows, and imports back unchanged", async () => {
    await run(b.dispatcher, "board", board());
    const data = await withUser(db, b.viewer, (tx) => loadBoardExport(tx, b.orgId, DAY));
    const text = serializeBoard(data!.rows, data!.timeZone);
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(BOARD_EXPORT_HEADER.join(","));
    expect(lines[0].startsWith("work_order,customer,technician,helpers,start,end,status,priority,city,sla_protected,contract")).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(3);
    expect(lines[1].startsWith(`${b.job("A")},Lakeview Diner,Ali Haddad,Sam Okafor,2026-11-23 10:00,2026-11-23 11:00,Scheduled,Normal,Chicago,no,no,`)).toBe(true);
    expect(lines[2].startsWith("WO-IMP-1,Oak Dental,Sam Okafor,,2026-11-23 13:00,2026-11-23 13:45,Scheduled,High,Chicago,no,no,")).toBe(true);

    const audit = await auditCount();
    const back = await run(b.dispatcher, "board", text);
    expect(back.errors).toEqual([]);
    expect(back.counts).toEqual({ jobs: { created: 0, updated: 0, unchanged: 2 }, assignments: { created: 0, updated: 0, unchanged: 2 } });
    expect(await auditCount()).toBe(audit);
  });

  test("the daily lists: unassigned, overdue and unresolved", async () => {
    await run(b.dispatcher, "board", board());
    await withService(db, (tx) => tx.query("update public.jobs set deadline = $2 where id = $1", [b.jobs.B, at("08:00")]));
    const list = (name: "unassigned" | "overdue" | "unresolved") => withUser(db, b.dispatcher, (tx) => loadUnresolvedList(tx, b.orgId, DAY, name, NINE_AM));

    const unassigned = await list("unassigned");
    expect(unassigned!.rows.map((r) => r.workOrder).sort()).toEqual([b.job("B"), b.job("C"), b.job("D"), "WO-IMP-2"].sort());
    const overdue = await list("overdue");
    expect(overdue!.rows.map((r) => [r.workOrder, r.reason])).toEqual([[b.job("B"), "past its deadline by 1 h"]]);
    const unresolved = await list("unresolved");
    expect(unresolved!.rows.map((r) => r.workOrder).sort()).toEqual([b.job("A"), b.job("B"), "WO-IMP-1"].sort());

    const text = serializeUnresolved(overdue!.rows, TZ);
    const [header, first] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(UNRESOLVED_HEADER.join(","));
    expect(first).toBe(`${b.job("B")},Oak Dental,Normal,Unscheduled,,,,,,2026-11-23 08:00,Chicago,no,no,past its deadline by 1 h`);
  });

  test("the same file submitted twice at the same moment creates each record once", async () => {
    const customers = csv(
      "name,email,address,city,lat,lng,external_id",
      "Harbor Bakery,bakery@example.test,1 Pier St,Chicago,41.89,-87.62,",
      "Union Gym,,2 Lake St,Chicago,41.88,-87.64,",
      "Ridge Clinic,,3 Ridge Rd,Evanston,42.04,-87.68,ACME-77",
    );
    const [first, second] = await Promise.all([run(b.dispatcher, "customers", customers), run(b.dispatcher, "customers", customers)]);
    expect([first.errors, second.errors]).toEqual([[], []]);
    expect([first.applied, second.applied]).toEqual([true, true]);
    // one of them created the three, the other found them in place
    expect([first.counts.customers, second.counts.customers]).toEqual(
      expect.arrayContaining([
        { created: 3, updated: 0, unchanged: 0 },
        { created: 0, updated: 0, unchanged: 3 },
      ]),
    );
    expect(await count("customers")).toBe(6);

    const [t1, t2] = await Promise.all([run(b.dispatcher, "technicians", technicians()), run(b.dispatcher, "technicians", technicians())]);
    expect([t1.counts.technicians.created, t2.counts.technicians.created].sort()).toEqual([0, 2]);
    expect(await count("technicians")).toBe(5);
    expect(await count("technician_shifts")).toBe(3 * 5 + 2 + 2);
  });

  test("an email or external id is unique in the company, whatever its case, and the database holds it", async () => {
    const refused = await failureOf(
      withService(db, (tx) =>
        tx.query("insert into public.customers (org_id, name, email) values ($1, 'Diner Two', 'DINER@example.test')", [b.orgId]),
      ),
    );
    expect(refused.code).toBe("23505");
    await withService(db, (tx) => tx.query("update public.technicians set external_id = 'T-1' where id = $1", [b.techs.ali]));
    expect((await failureOf(withService(db, (tx) => tx.query("update public.technicians set external_id = 'T-1' where id = $1", [b.techs.sam])))).code).toBe("23505");
    // another company has its own customer with the same email
    const other = await createTestBoard(db);
    expect(await asService("select 1 from public.customers where org_id = $1 and email = 'diner@example.test'", [other.orgId])).toHaveLength(1);

    // a file naming a customer by external id updates that one, and refuses to give another customer's email
    await withService(db, (tx) => tx.query("update public.customers set external_id = 'C-10' where id = $1", [b.customers.unreachable]));
    const r = await run(
      b.dispatcher,
      "customers",
      csv("external_id,name,email,city", "C-9,Lakeview Diner,diner@example.test,Evanston", "C-10,Silent Storage,dental@example.test,Chicago"),
    );
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([{ row: 3, column: "email", message: "another customer of your company already has the email dental@example.test" }]);
  });

  test(`a file of more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows is refused whole with a message to split it`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Customer ${i},Chicago`);
    const r = await run(b.dispatcher, "customers", ["name,city", ...rows].join("\n"));
    expect(r.applied).toBe(false);
    expect(r.rowCount).toBe(MAX_IMPORT_ROWS + 1);
    expect(r.errors).toEqual([
      { row: 1, column: null, message: "the file has 50,001 rows; at most 50,000 can be imported at once — split it into smaller files" },
    ]);
    expect(await count("customers")).toBe(3);
  });

  test("a customer added by someone else while the file is written: nothing of the file is kept", async () => {
    const before = { customers: await count("customers"), audit: await auditCount() };
    const file = csv(
      "name,email,city",
      ...Array.from({ length: 5 }, (_, i) => `Shop ${i},shop${i}@example.test,Chicago`),
      "Late Cafe,late@example.test,Chicago",
    );
    const intruder = () => withService(db, (tx) => tx.query("insert into public.customers (org_id, name, email) values ($1, 'Other Late Cafe', 'LATE@example.test')", [b.orgId]));
    let r: CsvImportResult;
    if (target.name === "pglite") {
      // embedded: the file commits in slices; the other customer lands between two of them
      let added: Promise<unknown> | null = null;
      r = await importCsv(db, b.dispatcher, "customers", file, {
        dryRun: false,
        now: NINE_AM,
        timeZone: TZ,
        sliceRows: 2,
        onProgress: (p) => {
          if (p.phase === "writing" && !added) added = intruder();
        },
      });
      await added;
    } else {
      // server: the other customer's transaction holds the email until after the import has read
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
      const other = withService(db, async (tx) => {
        await tx.query("insert into public.customers (org_id, name, email) values ($1, 'Other Late Cafe', 'LATE@example.test')", [b.orgId]);
        inserted();
        await held;
      });
      await insertedNow;
      const importing = run(b.dispatcher, "customers", file);
      setTimeout(release, 500);
      [r] = await Promise.all([importing, other]);
    }
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([{ row: 7, column: "email", message: "a customer with this email or external id was added by someone else while the file was imported" }]);
    const names = await asService<{ name: string }>("select name from public.customers where org_id = $1 and name like '%Shop%'", [b.orgId]);
    expect(names).toEqual([]);
    expect(await count("customers")).toBe(before.customers + 1);
    expect(await auditCount()).toBeGreaterThan(before.audit);
  });

  test("a large customer import leaves the planner statistics of the rows it wrote, and audits every customer and site", async () => {
    // a planner that still costs the customers as the few of the fixture looks each new
    // site's customer up through the (org_id, name) index: an import slows with every slice
    const rows = ANALYZE_AFTER_ROWS + 50;
    const file = ["name,email,address,city,lat,lng", ...Array.from({ length: rows }, (_, i) => `Bulk ${i},bulk${i}@example.test,${i} Main St,Chicago,41.8,-87.7`)].join("\n");
    const before = await count("customers");
    const r = await run(b.dispatcher, "customers", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.customers.created).toBe(rows);
    expect(await count("customers")).toBe(before + rows);
    const stats = await asService<{ relname: string; reltuples: number }>(
      "select relname, reltuples::int as reltuples from pg_class where oid in ('public.customers'::regclass, 'public.customer_sites'::regclass) order by relname",
    );
    expect(stats.map((t) => t.relname)).toEqual(["customer_sites", "customers"]);
    // analyzed (never-analyzed tables count -1) once the import's rows were in
    for (const t of stats) expect(t.reltuples).toBeGreaterThan(0);
    const audited = await asService<{ table_name: string; n: number }>(
      "select table_name, count(*)::int as n from public.audit_log where org_id = $1 and context ->> 'source' = 'import' and action = 'insert' group by table_name order by table_name",
      [b.orgId],
    );
    expect(audited).toEqual([
      { table_name: "customer_sites", n: rows },
      { table_name: "customers", n: rows },
    ]);
  });
});
