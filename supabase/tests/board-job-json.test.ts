// The job as the placement functions return it (private.board_job_json): every column
// the board reads, with the customer's, and never what it does not — the
// automatic-dispatch candidates, the search text, the visit note. Built from its
// columns, so a lane of visits never reads the candidates kept on each job.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { createBoard, rolledBackAsService, testTargets, type BoardFixture } from "./helpers";

describe.each(testTargets())("the board's job json on $name", (target) => {
  let db: Db;
  let f: BoardFixture;
  beforeAll(async () => {
    db = await target.open();
    f = await createBoard(db);
  });
  afterAll(async () => db?.close());

  test("has every column of the job but the three the board never reads, and the customer's", async () => {
    const out = await rolledBackAsService(db, async (tx) => {
      // candidates large enough to be stored out of line, as automatic dispatch keeps them
      const detail = { candidates: Array.from({ length: 40 }, (_, i) => ({ technicianId: `t${i}`, why: "x".repeat(200) })) };
      await tx.query("update public.jobs set dispatch_detail = $2::jsonb, visit_note = 'Gate code 1234', dispatch_reason = 'best of 3' where id = $1", [
        f.jobId,
        JSON.stringify(detail),
      ]);
      const [r] = await tx.query<{ built: Record<string, unknown>; whole: Record<string, unknown> }>(
        `select private.board_job_json(j, c) as built,
                (to_jsonb(j) - 'dispatch_detail' - 'search_text' - 'visit_note')
                  || jsonb_build_object('customer_name', c.name, 'customer_phone', c.phone, 'customer_email', c.email,
                                        'contract', c.contract, 'preferred_technician_id', c.preferred_technician_id) as whole
           from public.jobs j join public.customers c on c.id = j.customer_id where j.id = $1`,
        [f.jobId],
      );
      return r;
    });
    expect(out.built).toEqual(out.whole);
    expect(out.built.dispatch_reason).toBe("best of 3");
    expect(Object.keys(out.built).filter((k) => ["dispatch_detail", "search_text", "visit_note"].includes(k))).toEqual([]);
  });

  test("reads the job's columns, not its whole row", async () => {
    const plan = await rolledBackAsService(db, (tx) =>
      tx.query<Record<string, string>>(
        `explain (verbose, costs off) select private.board_job_json(j, c)
           from public.jobs j join public.customers c on c.id = j.customer_id where j.id = $1`,
        [f.jobId],
      ),
    );
    const text = plan.map((r) => Object.values(r)[0]).join("\n");
    expect(text).toContain("jsonb_build_object('id', j.id");
    expect(text).not.toMatch(/to_jsonb\(j(\.\*)?\)/);
  });
});
