import { describe, expect, test } from "vitest";
import { nextVisitStatus, type VisitStatus } from "@/lib/engine/visit-status";

describe("nextVisitStatus", () => {
  test.each<[VisitStatus | null, VisitStatus]>([
    [null, "on_my_way"],
    [null, "arrived"],
    [null, "not_finished"],
    ["on_my_way", "arrived"],
    ["on_my_way", "not_finished"],
    ["arrived", "done"],
    ["arrived", "not_finished"],
    ["not_finished", "on_my_way"],
  ])("a technician may go from %s to %s", (from, to) => {
    expect(nextVisitStatus(from, to, { by: "technician" })).toEqual({ ok: true, status: to, correction: false, unchanged: false });
  });

  test.each<[VisitStatus | null, VisitStatus, string]>([
    [null, "done", "Tap “Arrived” before “Done”."],
    ["on_my_way", "done", "Tap “Arrived” before “Done”."],
    ["arrived", "on_my_way", "You have already arrived."],
    ["done", "arrived", "This visit is already done; ask the dispatcher to correct it."],
    ["done", "not_finished", "This visit is already done; ask the dispatcher to correct it."],
  ])("a technician may not go from %s to %s", (from, to, reason) => {
    expect(nextVisitStatus(from, to, { by: "technician" })).toEqual({ ok: false, reason });
  });

  test("a dispatcher may mark a visit done before arrival, as a correction", () => {
    expect(nextVisitStatus(null, "done", { by: "dispatcher" })).toEqual({ ok: true, status: "done", correction: true, unchanged: false });
    expect(nextVisitStatus("on_my_way", "done", { by: "dispatcher" })).toMatchObject({ ok: true, correction: true });
  });

  test("a dispatcher's ordinary step is not a correction", () => {
    expect(nextVisitStatus("arrived", "done", { by: "dispatcher" })).toMatchObject({ ok: true, correction: false });
  });

  test("the same status again changes nothing (a repeated tap)", () => {
    expect(nextVisitStatus("on_my_way", "on_my_way", { by: "technician" })).toEqual({ ok: true, status: "on_my_way", correction: false, unchanged: true });
  });
});
