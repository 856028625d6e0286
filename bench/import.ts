/**
 * Import benchmark on the embedded default (PGlite in a data folder): `npm run bench:import`
 *
 *  - import_preview_20000_ms: previewing a 20,000-customer file (read, check, compare).
 *  - import_20000_customers_ms: importing it (all or nothing) into a company.
 *  - other_tenant_p95_ms_during_import: while that import runs, another company's
 *    dispatcher asks for the board export 5 times a second (each request starts on
 *    schedule, whether or not the previous one finished); the 95th percentile of
 *    their waits, measured from when each was due.
 *  - other_tenant_p95_ms_idle: the same requests with no import running, to compare.
 *  - import_20000_customers_again_ms: the same file again (nothing changes).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { withUser, type SessionUser } from "@/lib/db/with-user";
import { importCsv } from "@/lib/db/import-run";
import { loadBoardExport } from "@/lib/db/exports";
import { placeJob } from "@/lib/db/board-changes";
import { toCsv } from "@/lib/csv/csv-core";
import { percentile, print } from "@/bench/synthetic-board";
import { createBenchCompany } from "@/bench/bench-company";

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const DAY = "2026-11-23";
const EVERY_MS = 200;

function customersFile(rows: number): string {
  return toCsv(
    ["name", "email", "phone", "address", "city", "lat", "lng", "contract"],
    Array.from({ length: rows }, (_, i) => [
      `Imported Customer ${i + 1}`,
      `imported${i + 1}@example.com`,
      `+1773555${String(i % 10_000).padStart(4, "0")}`,
      `${100 + (i % 9_000)} W Madison St Unit ${i + 1}`,
      "Chicago",
      (41.8 + (i % 1000) / 10_000).toFixed(5),
      (-87.7 + (i % 997) / 10_000).toFixed(5),
      i % 7 === 0,
    ]),
  );
}

/**
 * Asks for another company's board export every EVERY_MS until stopped, open loop:
 * each request is due on its own schedule, and its wait counts from when it was due
 * (a server too busy even to start it still counts the time it was kept waiting).
 */
function otherTenant(db: Db, user: SessionUser) {
  const waits: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    for (; started + n * EVERY_MS <= performance.now(); n++) {
      const due = started + n * EVERY_MS;
      pending.push(withUser(db, user, (tx) => loadBoardExport(tx, user.orgId, DAY)).then(() => void waits.push(performance.now() - due)));
    }
    timer = setTimeout(tick, Math.max(0, started + n * EVERY_MS - performance.now()));
  };
  tick();
  return async () => {
    clearTimeout(timer);
    await Promise.all(pending);
    return waits;
  };
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "crewboard-bench-import-"));
  const db = await openPglite({ dataDir: dir });
  try {
    await migrate(db);
    const importer = await createBenchCompany(db, { name: "Import Co", technicians: 10, customers: 10, jobs: 0, seed: 1 });
    const other = await createBenchCompany(db, { name: "Other Co", technicians: 20, customers: 200, jobs: 100, seed: 2 });
    // the other company's day: five visits a technician
    const dispatcher = other.users.dispatcher;
    for (let i = 0; i < other.jobIds.length; i++) {
      const hour = 8 + (i % 5) * 2;
      const start = new Date(Date.UTC(2026, 10, 23, hour + 6, 0)).toISOString();
      const end = new Date(Date.UTC(2026, 10, 23, hour + 7, 0)).toISOString();
      await withUser(db, dispatcher, (tx) =>
        placeJob(tx, dispatcher, { jobId: other.jobIds[i], jobVersion: 1, assignmentVersion: null, leaderId: other.technicianIds[Math.floor(i / 5)], helperIds: [], start, end, notifyCustomer: false }, new Date("2026-11-23T12:00:00Z")),
      );
    }
    const user = importer.users.dispatcher;
    const text = customersFile(ROWS);
    const options = { now: new Date("2026-11-23T12:00:00Z"), timeZone: "America/Chicago" };

    const idle = otherTenant(db, dispatcher);
    await new Promise((r) => setTimeout(r, 3_000));
    const idleWaits = await idle();

    let t = performance.now();
    const preview = await importCsv(db, user, "customers", text, { ...options, dryRun: true });
    const previewMs = performance.now() - t;
    if (preview.errors.length > 0 || preview.counts.customers.created !== ROWS) throw new Error(`preview went wrong: ${JSON.stringify(preview.errors.slice(0, 3))}`);

    const during = otherTenant(db, dispatcher);
    t = performance.now();
    const phases: string[] = [];
    let phase = "";
    const done = await importCsv(db, user, "customers", text, {
      ...options,
      dryRun: false,
      onProgress: (p) => {
        if (p.phase !== phase) phases.push(`${(phase = p.phase)} at ${(performance.now() - t).toFixed(0)} ms`);
      },
    });
    const importMs = performance.now() - t;
    const duringWaits = await during();
    if (!done.applied) throw new Error(`import went wrong: ${JSON.stringify(done.errors.slice(0, 3))}`);

    t = performance.now();
    const again = await importCsv(db, user, "customers", text, { ...options, dryRun: false });
    const againMs = performance.now() - t;
    if (again.counts.customers.unchanged !== ROWS) throw new Error("the second import changed something");

    print(`import_preview_${ROWS}_ms`, previewMs);
    print(`import_${ROWS}_customers_ms`, importMs);
    print("other_tenant_p95_ms_during_import", percentile(duringWaits, 95));
    print("other_tenant_max_ms_during_import", Math.max(...duringWaits));
    print("other_tenant_requests_during_import", duringWaits.length);
    print("other_tenant_p95_ms_idle", percentile(idleWaits, 95));
    print(`import_${ROWS}_customers_again_ms`, againMs);
    console.log(`# import phases: ${phases.join(", ")}`);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
