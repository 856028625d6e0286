import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
}

export interface MigrateResult {
  applied: string[];
  skipped: number;
}

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

/** The folder holding `YYYYMMDDHHmmss_name.sql` files. */
export function migrationsDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase", "migrations");
}

/** Reads the migration files in version order. */
export async function readMigrations(dir = migrationsDir()): Promise<MigrationFile[]> {
  const names = (await readdir(/*turbopackIgnore: true*/ dir)).filter((n) => n.endsWith(".sql")).sort();
  const files: MigrationFile[] = [];
  for (const file of names) {
    const m = FILE_PATTERN.exec(file);
    if (!m) throw new Error(`migration file name must be YYYYMMDDHHmmss_name.sql: ${file}`);
    const twin = files.find((f) => f.version === m[1]);
    // the version is what is recorded as applied: a second file with it would never run
    if (twin) throw new Error(`two migrations share the version ${m[1]}: ${twin.version}_${twin.name}.sql and ${file}. Give one a later timestamp.`);
    files.push({ version: m[1], name: m[2], sql: await readFile(/*turbopackIgnore: true*/ path.join(dir, file), "utf8") });
  }
  return files;
}

/**
 * Applies the pending migrations, each in its own transaction, and records them in
 * `supabase_migrations.schema_migrations` (the table the Supabase CLI uses, so a
 * project migrated either way agrees on what ran). An advisory lock keeps two
 * starting instances from applying the same migration twice.
 */
export async function migrate(db: Db, files?: MigrationFile[]): Promise<MigrateResult> {
  const migrations = files ?? (await readMigrations());
  await db.query("create schema if not exists supabase_migrations");
  await db.query(
    `create table if not exists supabase_migrations.schema_migrations (
       version text primary key,
       statements text[],
       name text
     )`,
  );
  const applied: string[] = [];
  let skipped = 0;
  for (const m of migrations) {
    const did = await db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock(727001)");
      const seen = await tx.query("select 1 from supabase_migrations.schema_migrations where version = $1", [m.version]);
      if (seen.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query("insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (did) applied.push(`${m.version}_${m.name}`);
    else skipped++;
  }
  return { applied, skipped };
}
