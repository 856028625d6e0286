/**
 * npm run db:migrate [-- --seed-demo]
 * Applies pending migrations to the configured database (DATABASE_URL, or the
 * embedded PGlite under .data/). With --seed-demo, an empty database also gets the
 * demo companies and the demo logins are printed. With --on-start (what `npm start`
 * passes), demo data is added only where it is wanted: the embedded default, or a
 * server database with CREWBOARD_DEMO=true or --demo.
 */
import { openConfiguredDbOrExit } from "@/lib/db/connection";
import { demoDataWanted } from "@/lib/db/demo-policy";
import { migrate } from "@/lib/db/migrate";
import { formatLogins, seedDemoIfEmpty } from "@/lib/db/seed";
import { hasNoCompany } from "@/lib/db/signup";

const onStart = process.argv.includes("--on-start");
const seedDemo = process.argv.includes("--seed-demo") || (onStart && demoDataWanted(process.env, process.argv));

const db = await openConfiguredDbOrExit();
try {
  const result = await migrate(db);
  console.log(
    result.applied.length > 0
      ? `Applied ${result.applied.length} migration(s):\n${result.applied.map((m) => `  ${m}`).join("\n")}`
      : `Database is up to date (${result.skipped} migrations).`,
  );
  if (seedDemo) {
    const logins = await seedDemoIfEmpty(db);
    if (logins.length > 0) console.log(`\nCreated the demo companies.\n${formatLogins(logins)}\n`);
    else console.log("Demo data: the database already has companies; nothing added.");
  } else if (onStart && (await hasNoCompany(db))) {
    console.log("\nNo company yet: open Crewboard in a browser to create yours (\"Create your company\").\n");
  }
} finally {
  await db.close();
}
