/**
 * npm run db:seed [-- --techs 500 --jobs 5000 --days 90] [-- --customers 100000]
 * Without options: the two demo companies on an empty database.
 * With --techs/--jobs: adds a large synthetic company for benchmarks (idempotent per size);
 * --days also gives it that many past days of visits (for insights).
 * With --customers: adds a company with that many customers (each with a site and a job)
 * for the records benchmark (idempotent per size).
 */
import { openConfiguredDbOrExit } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { formatLogins, seedCompany, seedDemoIfEmpty } from "@/lib/db/seed";
import { seedRecordsCompany } from "@/lib/db/seed-records";
import { largeCompanySpec } from "@/lib/demo/demo-data";
import { withService } from "@/lib/db/with-user";
import { seedHistory } from "@/lib/db/seed-history";
import { wallClock } from "@/lib/time/zoned-time";
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
const days = option("days");
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
  } else if (techs === undefined && jobs === undefined && days === undefined) {
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
    if (days !== undefined) {
      const [company] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.companies where slug = $1", [spec.slug]));
      const started = Date.now();
      const visits = await seedHistory(db, company.id, { today: wallClock(now(), spec.timeZone).date, days });
      console.log(visits > 0 ? `Added ${visits} past visits over ${days} days in ${Date.now() - started} ms.` : `${spec.name} already has past visits; nothing added.`);
    }
  }
} finally {
  await db.close();
}
