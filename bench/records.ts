/**
 * Records benchmark: `npm run bench:records`
 *
 * Seeds its own company — 100,000 customers (each with a primary site) and 100,000
 * jobs — in an in-memory embedded database with every migration applied, then times
 * the searches a dispatcher runs, through row-level security as the company's
 * dispatcher, exactly as the pages do:
 *  - customers_search_p50_ms / _p95_ms: the customer list / picker (name, phone
 *    digits, street, a first page without a search term), 25 per page.
 *  - jobs_search_p50_ms / _p95_ms: the jobs list (work order, customer name,
 *    status with a date range, the first page), 50 per page.
 * Targets: p95 under 100 ms each.
 */
import { openPglite } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { searchCustomers } from "@/lib/db/customers";
import { searchJobs } from "@/lib/db/jobs-search";
import { seedRecordsCompany } from "@/lib/db/seed-records";
import { withUser } from "@/lib/db/with-user";
import { percentile, print } from "@/bench/synthetic-board";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ROUNDS = 5;

const db = await openPglite();
try {
  await migrate(db);
  const t0 = performance.now();
  const company = await seedRecordsCompany(db, CUSTOMERS);
  print("seed_customers", CUSTOMERS);
  print("seed_s", (performance.now() - t0) / 1000);
  const as = company.dispatcher;

  const customerQueries = ["", "Lakeview Dental", "Harbor", "bakery 42", "555 0142", "0142", "Wacker", "Fulton Market", "Summit Motors 9", "office77@", "nobody-matches-this"];
  const jobQueries: Parameters<typeof searchJobs>[3][] = [
    {},
    { q: "RB-00042" },
    { q: "RB-0099" },
    { q: "Riverside Clinic" },
    { q: "Madison" },
    { status: ["unscheduled"] },
    { status: ["done"], from: "2026-09-01", to: "2026-09-30" },
    { q: "Maple", status: ["scheduled", "unscheduled"] },
  ];

  const time = async <T>(fn: () => Promise<T>): Promise<number> => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  // warm-up: first use of each plan and page of the indexes
  for (const q of customerQueries) await withUser(db, as, (tx) => searchCustomers(tx, as.orgId, { q }));
  for (const f of jobQueries) await withUser(db, as, (tx) => searchJobs(tx, as.orgId, "America/Chicago", f));

  const customerSamples: number[] = [];
  const jobSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of customerQueries) customerSamples.push(await time(() => withUser(db, as, (tx) => searchCustomers(tx, as.orgId, { q, page: 1 + (round % 2) }))));
    for (const f of jobQueries) jobSamples.push(await time(() => withUser(db, as, (tx) => searchJobs(tx, as.orgId, "America/Chicago", f, { page: 1 + (round % 2) }))));
  }
  print("customers_search_p50_ms", percentile(customerSamples, 50));
  print("customers_search_p95_ms", percentile(customerSamples, 95));
  print("jobs_search_p50_ms", percentile(jobSamples, 50));
  print("jobs_search_p95_ms", percentile(jobSamples, 95));
} finally {
  await db.close();
}
