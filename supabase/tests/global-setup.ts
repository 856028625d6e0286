import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data folder; each test database starts from it. */
    pgliteTemplatePath: string;
    /** A migrated throwaway database on the TEST_DATABASE_URL server, or "" without one. */
    serverDatabaseUrl: string;
  }
}

/**
 * Creates an empty database with a random name on the server at `adminUrl` (where we
 * are superuser) and returns its URL. Pair with {@link dropServerDatabase}.
 */
export async function createServerDatabase(adminUrl: string, prefix = "crewboard_test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(adminUrl, { max: 1 });
  try {
    await admin.exec(`create database ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by {@link createServerDatabase}, closing whatever is still connected. */
export async function dropServerDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop database ${JSON.stringify(name)}`);
  const admin = await openPostgres(adminUrl, { max: 1 });
  try {
    await admin.exec(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.close();
  }
}

/**
 * Runs once per `vitest run`: migrating a fresh PGlite costs seconds (initdb), loading
 * a dumped one well under one, so every test file starts from this template. With
 * TEST_DATABASE_URL set, the same migrations also go into a throwaway server database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), "crewboard-db-tests-"));
  const templatePath = path.join(dir, "pglite-template.tar");
  const pglite = await openPglite();
  try {
    await migrate(pglite);
    const dump = await pglite.pg.dumpDataDir("none");
    await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  project.provide("pgliteTemplatePath", templatePath);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let serverUrl = "";
  if (adminUrl) {
    serverUrl = await createServerDatabase(adminUrl);
    const server = await openPostgres(serverUrl, { max: 1 });
    try {
      await migrate(server);
    } finally {
      await server.close();
    }
  }
  project.provide("serverDatabaseUrl", serverUrl);

  return async () => {
    if (adminUrl && serverUrl) await dropServerDatabase(adminUrl, serverUrl);
    await rm(dir, { recursive: true, force: true });
  };
}
