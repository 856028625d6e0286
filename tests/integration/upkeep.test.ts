import { afterEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { refreshPlannerStatistics, startUpkeep } from "@/lib/db/upkeep";
import { testTargets } from "@/supabase/tests/helpers";

const estimate = async (db: Db, table: string) =>
  (await db.query<{ reltuples: number }>("select reltuples::float8 as reltuples from pg_class where oid = $1::regclass", [table]))[0].reltuples;

describe.each(testTargets())("planner statistics upkeep on $name", (target) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.exec("drop table if exists public.upkeep_probe");
    await db?.close();
  });

  test("the embedded database is analyzed by Crewboard itself; a server is left to its autovacuum", async () => {
    db = await target.open();
    await db.exec("drop table if exists public.upkeep_probe; create table public.upkeep_probe (id int primary key); insert into public.upkeep_probe select generate_series(1, 500);");
    // never analyzed: the planner has no idea how many rows there are
    expect(await estimate(db, "public.upkeep_probe")).toBe(-1);
    const ran = await refreshPlannerStatistics(db);
    expect(ran).toBe(db.kind === "pglite");
    if (db.kind === "pglite") expect(await estimate(db, "public.upkeep_probe")).toBe(500);
  });

  test.skipIf(target.name !== "pglite")("the running server's upkeep refreshes at once and stops when told", async () => {
    db = await target.open();
    await db.exec("drop table if exists public.upkeep_probe; create table public.upkeep_probe (id int primary key); insert into public.upkeep_probe select generate_series(1, 300);");
    const stop = startUpkeep(db, 60_000);
    try {
      await expect.poll(() => estimate(db!, "public.upkeep_probe")).toBe(300);
    } finally {
      stop();
    }
  });
});
