import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { startNotifyWorker } from "@/lib/notify/worker";

const quiet = { info: () => {}, error: () => {} };
// no providers: a round runs only the clock's work, and never opens the database for delivery
const db = {} as Db;

describe("the outbox worker's clock work (reminders, morning exports)", () => {
  it("runs at the first round, then not again until its interval has passed", async () => {
    let runs = 0;
    const worker = startNotifyWorker(async () => db, { providers: {}, log: quiet, beforeRound: async () => void runs++, beforeRoundEveryMs: 60_000 });
    await worker.tick();
    await worker.tick();
    await worker.tick();
    await worker.stop();
    expect(runs).toBe(1);
  });

  it("runs every round when its interval is zero", async () => {
    let runs = 0;
    const worker = startNotifyWorker(async () => db, { providers: {}, log: quiet, beforeRound: async () => void runs++, beforeRoundEveryMs: 0 });
    await worker.tick();
    await worker.tick();
    await worker.stop();
    expect(runs).toBe(2);
  });
});
