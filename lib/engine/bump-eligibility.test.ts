import { describe, expect, test } from "vitest";
import { bumpEligibility, priorityName, slaOrContractWords } from "@/lib/engine/bump-eligibility";
import { at, makeAssignment, makeJob } from "@/lib/engine/test-fixtures";
import type { Job } from "@/lib/engine/types";

// WO-1002 is booked for Sam 10:00–11:00; it is 09:00 and WO-9001 (priority 1) needs room.
const urgent = makeJob({ id: "u", workOrder: "WO-9001", priority: 1, status: "unscheduled" });
const booked = makeAssignment("j", "sam", "10:00", "11:00", ["bo"]);
const now = at("09:00");

function check(job: Partial<Job>, options = {}, technicianId = "sam", at9 = now) {
  return bumpEligibility(makeJob({ id: "j", workOrder: "WO-1002", priority: 4, ...job }), booked, urgent, technicianId, at9, options);
}

describe("bumpEligibility", () => {
  test.each([
    ["an open Low job", {}, {}, { bumpable: true, slaOrContract: false }],
    ["a published job", { status: "published" as const }, {}, { bumpable: true, slaOrContract: false }],
    ["an SLA job with the override", { slaProtected: true }, { allowSlaOverride: true }, { bumpable: true, slaOrContract: true }],
    ["a contract job with the override", { contract: true }, { allowSlaOverride: true }, { bumpable: true, slaOrContract: true }],
  ])("%s can be bumped", (_name, job, options, expected) => {
    expect(check(job, options)).toEqual(expected);
  });

  test.each([
    ["in progress", { status: "in_progress" as const }, "closed", "WO-1002 is in progress"],
    ["done", { status: "done" as const }, "closed", "WO-1002 is done"],
    ["cancelled", { status: "cancelled" as const }, "closed", "WO-1002 is cancelled"],
    ["pinned", { pinned: true }, "pinned", "WO-1002 is pinned"],
    ["as urgent", { priority: 1 as const }, "priority", "WO-1002 is Emergency priority, as urgent as WO-9001 or more"],
    ["SLA-protected", { slaProtected: true }, "sla_or_contract", "WO-1002 is SLA-protected"],
    ["a contract customer's", { contract: true }, "sla_or_contract", "WO-1002 is a contract customer's"],
    ["both", { contract: true, slaProtected: true }, "sla_or_contract", "WO-1002 is SLA-protected and a contract customer's"],
  ])("a job that is %s cannot", (_name, job, code, why) => {
    expect(check(job)).toEqual({ bumpable: false, code, why });
  });

  test("a job whose booked start has passed is under way, whatever its status says", () => {
    expect(check({}, {}, "sam", at("10:05"))).toEqual({
      bumpable: false,
      code: "under_way",
      why: "WO-1002 is already under way (started 10:00)",
    });
  });

  test("a helper cannot bump the job they help on: it is the leader's", () => {
    expect(check({}, {}, "bo")).toMatchObject({ bumpable: false, code: "not_leader" });
  });

  test("a High urgent job may bump only Normal and Low", () => {
    const high = { ...urgent, priority: 2 as const };
    const results = ([1, 2, 3, 4] as const).map(
      (priority) => bumpEligibility(makeJob({ id: "j", priority }), booked, high, "sam", now).bumpable,
    );
    expect(results).toEqual([false, false, true, true]);
  });
});

describe("words", () => {
  test.each([
    [1, "Emergency"],
    [2, "High"],
    [3, "Normal"],
    [4, "Low"],
  ] as const)("priority %s is %s", (priority, name) => {
    expect(priorityName(priority)).toBe(name);
  });

  test("SLA and contract", () => {
    expect(slaOrContractWords({ slaProtected: false, contract: true })).toBe("a contract customer's");
  });
});
