// The embedded database folder opens in one process at a time: the server, db:seed,
// db:migrate and the notice worker all go through openPglite, which takes the lock.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { openPglite } from "@/lib/db/client";
import { DataFolderInUse } from "@/lib/db/data-lock";

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), "crewboard-lock-")), "pglite");

test("a folder open in PGlite cannot be opened again until it is closed", async () => {
  const dir = freshDir();
  const db = await openPglite({ dataDir: dir });
  await db.query("create table kept (v int)");
  await db.query("insert into kept values (1)");
  await expect(openPglite({ dataDir: dir })).rejects.toBeInstanceOf(DataFolderInUse);
  await db.close();

  const again = await openPglite({ dataDir: dir });
  expect(await again.query("select v from kept")).toEqual([{ v: 1 }]);
  await again.close();
}, 60_000);

test("db:migrate on a folder another process has open stops at once and says which process", async () => {
  const dir = freshDir();
  const db = await openPglite({ dataDir: dir });
  try {
    const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-migrate.ts"], {
      env: { ...process.env, DATABASE_URL: "", CREWBOARD_DATA_DIR: dir },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `The embedded database folder ${dir} is in use by process ${process.pid} (since ${(run.stderr.match(/since ([^)]+)\)/) ?? [])[1]}). ` +
        "Stop that process first (only one Crewboard process may open the folder), or set CREWBOARD_DATA_DIR to another folder.",
    );
  } finally {
    await db.close();
  }
}, 90_000);
