// The migrations: they apply to an empty database, re-running them is a no-op, and
// the schema they leave follows the house rules for row-level security.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPglite, openPostgres, type Db } from "@/lib/db/client";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createServerDatabase, dropServerDatabase } from "./global-setup";

interface EmptyDatabase {
  name: string;
  open(): Promise<{ db: Db; dispose(): Promise<void> }>;
}

const adminUrl = process.env.TEST_DATABASE_URL;
const emptyDatabases: EmptyDatabase[] = [
  {
    // deliberately not the template: a brand-new PGlite, initdb and all
    name: "a brand-new PGlite",
    async open() {
      const db = await openPglite();
      return { db, dispose: () => db.close() };
    },
  },
];
if (adminUrl) {
  emptyDatabases.push({
    name: "a brand-new database on the Postgres server",
    async open() {
      const url = await createServerDatabase(adminUrl, "crewboard_migrations");
      const db = await openPostgres(url, { max: 2 });
      return {
        db,
        async dispose() {
          await db.close();
          await dropServerDatabase(adminUrl, url);
        },
      };
    },
  });
}

/** Everything the migrations define, as comparable text: catalog ids left out. */
async function schemaFingerprint(db: Db): Promise<Record<string, string[]>> {
  const schemas = "('public', 'private', 'auth', 'supabase_migrations')";
  const list = async (sql: string) => (await db.query<{ x: string }>(sql)).map((r) => r.x);
  return {
    columns: await list(`select concat_ws(' ', table_schema, table_name, column_name, data_type, is_nullable, column_default) as x
      from information_schema.columns where table_schema in ${schemas} order by 1`),
    constraints: await list(`select concat_ws(' ', n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)) as x
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${schemas} order by 1`),
    indexes: await list(`select indexdef as x from pg_indexes where schemaname in ${schemas} order by 1`),
    policies: await list(`select concat_ws(' ', tablename, policyname, cmd, roles::text, qual, with_check) as x
      from pg_policies where schemaname in ${schemas} order by 1`),
    triggers: await list(`select pg_get_triggerdef(t.oid) as x from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where not t.tgisinternal and n.nspname in ${schemas} order by 1`),
    functions: await list(`select pg_get_functiondef(p.oid) as x from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('private', 'auth') order by 1`),
    grants: await list(`select concat_ws(' ', grantee, table_schema, table_name, privilege_type) as x
      from information_schema.role_table_grants where table_schema in ${schemas} order by 1`),
    migrations: await list(`select version || '_' || name as x from supabase_migrations.schema_migrations order by 1`),
  };
}

test("no two migration files share a version (the timestamp is what is recorded as applied)", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "crewboard-migrations-"));
  await writeFile(path.join(dir, "20260101000000_first.sql"), "select 1;");
  await writeFile(path.join(dir, "20260101000000_second.sql"), "select 2;");
  await expect(readMigrations(dir)).rejects.toThrow("two migrations share the version 20260101000000");
  const versions = (await readMigrations()).map((m) => m.version);
  expect(new Set(versions).size).toBe(versions.length);
});

describe.each(emptyDatabases)("migrations on $name", (target) => {
  let db: Db;
  let dispose: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ db, dispose } = await target.open());
  });
  afterAll(async () => {
    await dispose();
  });

  test("apply in order to an empty database, pending ones only", async () => {
    const files = await readMigrations();
    const names = files.map((f) => `${f.version}_${f.name}`);
    expect(files.length).toBeGreaterThan(2);
    const [before] = await db.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where schemaname = 'public'",
    );
    expect(before.n).toBe(0);

    const first = await migrate(db, files.slice(0, 2));
    const rest = await migrate(db, files);
    expect(first).toEqual({ applied: names.slice(0, 2), skipped: 0 });
    expect(rest).toEqual({ applied: names.slice(2), skipped: 2 });
  });

  test("re-running applies nothing and changes nothing", async () => {
    const before = await schemaFingerprint(db);
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.skipped).toBe(before.migrations.length);
    expect(await schemaFingerprint(db)).toEqual(before);
  });

  test("every public table has row-level security enabled and at least one policy", async () => {
    const tables = await db.query<{ table: string; rls: boolean; policies: number; comment: string | null }>(
      `select c.relname as table, c.relrowsecurity as rls,
              (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies,
              obj_description(c.oid, 'pg_class') as comment
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by 1`,
    );
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(["companies", "jobs", "assignments", "audit_log", "notifications"]));
    expect(tables.filter((t) => !t.rls || t.policies === 0 || !t.comment)).toEqual([]);
  });

  test("every policy is for one operation and for authenticated users only", async () => {
    const loose = await db.query(
      `select tablename, policyname, cmd, roles::text from pg_policies
        where schemaname = 'public' and (cmd = 'ALL' or roles <> '{authenticated}')`,
    );
    expect(loose).toEqual([]);
  });

  // USING clauses filter existing rows, so their columns need an index; WITH CHECK only
  // tests the one row being written.
  test("every column a policy filters on leads an index", async () => {
    const policies = await db.query<{ table: string; expr: string }>(
      `select tablename as table, qual as expr from pg_policies where schemaname = 'public' and qual is not null`,
    );
    const columns = await db.query<{ table: string; column: string }>(
      `select table_name as table, column_name as column from information_schema.columns where table_schema = 'public'`,
    );
    const leading = await db.query<{ table: string; column: string }>(
      `select t.relname as table, a.attname as column
         from pg_index i
         join pg_class t on t.oid = i.indrelid
         join pg_namespace n on n.oid = t.relnamespace
         join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
        where n.nspname = 'public'`,
    );
    const indexed = new Set(leading.map((l) => `${l.table}.${l.column}`));
    const filtered = new Set<string>();
    for (const p of policies) {
      const code = p.expr
        .replace(/'(?:[^']|'')*'/g, "''") // string literals are not columns
        // a column only tested against a constant (`accepted_at IS NULL`, `kind <> 'x'`) narrows
        // rows the indexed columns already found; it is not how the rows are found
        .replace(/\b\w+\s+IS\s+(?:NOT\s+)?NULL\b/gi, "")
        .replace(/\b\w+\s*<>\s*''(?:::\w+)?/g, "");
      for (const c of columns.filter((c) => c.table === p.table)) {
        // a word followed by a dot is a schema or table (`auth.uid()`), not this column
        if (new RegExp(`\\b${c.column}\\b(?!\\s*\\.)`).test(code)) filtered.add(`${c.table}.${c.column}`);
      }
    }
    expect([...filtered]).toEqual(expect.arrayContaining(["jobs.org_id", "memberships.org_id", "profiles.id"]));
    expect([...filtered].filter((col) => !indexed.has(col))).toEqual([]);
    // the membership lookup inside every policy (private.has_role / is_member)
    expect(["memberships.org_id", "memberships.user_id"].filter((col) => !indexed.has(col))).toEqual([]);
  });

  test("signed-in users cannot read passwords or sign-in throttling", async () => {
    const [can] = await db.query<Record<string, boolean>>(
      `select has_table_privilege('authenticated', 'auth.users', 'select') as users,
              has_table_privilege('anon', 'auth.users', 'select') as users_anon,
              has_table_privilege('authenticated', 'private.sign_in_attempts', 'select') as attempts`,
    );
    expect(can).toEqual({ users: false, users_anon: false, attempts: false });
  });
});
