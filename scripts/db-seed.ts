/**
 * npm run db:seed [-- --techs 500 --jobs 5000] [-- --customers 100000]
 * Without options: the two demo companies on an empty database.
 * With --techs/--jobs: adds a large synthetic company for benchmarks (idempotent per size).
 * With --customers: adds a company with that many customers (each with a site and a job)
 * for the records benchmark (idempotent per size).
 */
import { openConfiguredDbOrExit } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { formatLogins, seedCompany, seedDemoIfEmpty } from "@/lib/db/seed";
import { seedRecordsCompany } from "@/lib/db/seed-records";
import { largeCompanySpec } from "@/lib/demo/demo-data";
import { withService } from "@/lib/db/with-user";
import { now } from "@/lib/clock";

function option(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} needs a positive whole number, got "${process.argv[i + 1] ?? ""}"`);
    process.exit(2);
  }
  return value;
}

const techs = option("techs");
const jobs = option("jobs");
const customers = option("customers");
const db = await openConfiguredDbOrExit();
try {
  await migrate(db);
  if (customers !== undefined) {
    const started = Date.now();
    const company = await seedRecordsCompany(db, customers);
    console.log(
      company.created
        ? `Created Records Bench ${customers} with ${customers} customers, sites and jobs in ${Date.now() - started} ms (dispatcher ${company.dispatcher.email}, no password: for benchmarks).`
        : `Records Bench ${customers} already exists; nothing added.`,
    );
  } else if (techs === undefined && jobs === undefined) {
    const logins = await seedDemoIfEmpty(db);
    console.log(logins.length > 0 ? formatLogins(logins) : "The database already has companies; nothing added.");
  } else {
    const t = techs ?? 500;
    const spec = largeCompanySpec(t, jobs ?? t * 10);
    const existing = await withService(db, (tx) => tx.query("select 1 from public.companies where slug = $1", [spec.slug]));
    if (existing.length > 0) {
      console.log(`${spec.name} already exists; nothing added.`);
    } else {
      const started = Date.now();
      const logins = await seedCompany(db, spec, now());
      console.log(`Created ${spec.name} with ${spec.jobsToday} jobs in ${Date.now() - started} ms.\n${formatLogins(logins)}`);
    }
  }
} finally {
  await db.close();
}
