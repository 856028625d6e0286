/**
 * npm run db:migrate [-- --seed-demo]
 * Applies pending migrations to the configured database (DATABASE_URL, or the
 * embedded PGlite under .data/). With --seed-demo, an empty database also gets the
 * demo companies and the demo logins are printed.
 */
import { openConfiguredDb } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { formatLogins, seedDemoIfEmpty } from "@/lib/db/seed";

const db = await openConfiguredDb();
try {
  const result = await migrate(db);
  console.log(
    result.applied.length > 0
      ? `Applied ${result.applied.length} migration(s):\n${result.applied.map((m) => `  ${m}`).join("\n")}`
      : `Database is up to date (${result.skipped} migrations).`,
  );
  if (process.argv.includes("--seed-demo")) {
    const logins = await seedDemoIfEmpty(db);
    if (logins.length > 0) console.log(`\nCreated the demo companies.\n${formatLogins(logins)}\n`);
    else console.log("Demo data: the database already has companies; nothing added.");
  }
} finally {
  await db.close();
}
