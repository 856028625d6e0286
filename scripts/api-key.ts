/**
 * npm run api-key -- create --company <slug> --name <label> [--scope write]
 * Creates an API key for a company and prints it (once: only its hash is kept).
 * Without --scope write the key is read-only.
 */
import { openConfiguredDb } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { companyIdBySlug, createApiKey } from "@/lib/db/api-keys";
import { withService } from "@/lib/db/with-user";

const USAGE = "Usage: npm run api-key -- create --company <slug> --name <label> [--scope read|write]";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const command = process.argv[2];
const slug = option("company");
const name = option("name")?.trim();
const scope = option("scope") ?? "read";
if (command !== "create" || !slug || !name) {
  console.error(USAGE);
  process.exit(2);
}
if (scope !== "read" && scope !== "write") {
  console.error(`--scope is read or write, got "${scope}".\n${USAGE}`);
  process.exit(2);
}
if (name.length > 100) {
  console.error("--name is at most 100 characters.");
  process.exit(2);
}

const db = await openConfiguredDb();
try {
  await migrate(db);
  const orgId = await companyIdBySlug(db, slug);
  if (!orgId) {
    console.error(`No company with the slug "${slug}".`);
    process.exitCode = 1;
  } else {
    const created = await withService(db, (tx) => createApiKey(tx, orgId, name, scope));
    console.log(`Created ${scope} key "${name}" for ${slug} (prefix ${created.prefix}). It is shown only now:\n\n${created.key}\n`);
  }
} finally {
  await db.close();
}
