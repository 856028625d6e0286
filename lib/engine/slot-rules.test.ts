// Slot blocks (fixed and flex) and the recovery buffer, through every engine path
// that places work: insertion, scoring, checks and bump ranking.
import { describe, expect, test } from "vitest";
import { prepareBoard } from "@/lib/engine/board-index";
import { rankBumpOptions } from "@/lib/engine/bump-ranking";
import { checkPlacement } from "@/lib/engine/checks";
import { findInsertions } from "@/lib/engine/insertion";
import { scoreTechnicians } from "@/lib/engine/scoring";
import { closedBlocks, mayUseFlex, slotFit, slotFitCost } from "@/lib/engine/slot-rules";
import { at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import type { SlotBlock } from "@/lib/engine/types";

const ROUTINE = "tpl-routine";
const routineBlock: SlotBlock = { ...span("09:00", "11:00"), kind: "fixed", templateId: ROUTINE, label: "Routine maintenance" };
const flexSlot: SlotBlock = { ...span("13:00", "15:00"), kind: "flex", templateId: null, label: "Flex (emergencies)" };
const noTravel = travelTable({}, 0);

describe("slot rules", () => {
  test.each([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
  ] as const)("priority %i may use a flex slot: %s", (priority, allowed) => {
    expect(mayUseFlex({ priority })).toBe(allowed);
    expect(closedBlocks({ slotBlocks: [flexSlot] }, { priority })).toHaveLength(allowed ? 0 : 1);
  });

  test("a routine job inside its block fits it; other work in the block does not", () => {
    const t = { slotBlocks: [routineBlock, flexSlot] };
    expect(slotFit(t, { templateId: ROUTINE }, span("09:30", "10:30")).kind).toBe("own_block");
    expect(slotFit(t, { templateId: ROUTINE }, span("10:30", "11:30")).kind).toBe("open");
    expect(slotFit(t, { templateId: null }, span("10:30", "11:30")).kind).toBe("other_block");
    expect(slotFit(t, { templateId: null }, span("14:00", "15:00")).kind).toBe("flex");
    expect(slotFitCost({ kind: "own_block", block: routineBlock })).toBeLessThan(0);
  });
});

describe("insertion with slot blocks and a recovery buffer", () => {
  test("work that is not urgent never goes into a flex slot; urgent work may", () => {
    // booked 08:00–13:00 and 15:00–16:00: the only free time is the flex slot
    const ana = makeTechnician({ id: "ana", slotBlocks: [flexSlot] });
    const lane = [makeAssignment("a", "ana", "08:00", "13:00"), makeAssignment("b", "ana", "15:00", "16:00")];
    const normal = findInsertions(ana, lane, makeJob({ id: "n", priority: 3 }), noTravel);
    expect(normal.positions).toEqual([]);
    expect(normal.reasons[0].code).toBe("flex_only");
    expect(normal.reasons[0].message).toContain("flex slot 13:00–15:00 kept for urgent work");
    const urgent = findInsertions(ana, lane, makeJob({ id: "u", priority: 1 }), noTravel);
    expect(urgent.positions[0]).toMatchObject({ start: at("13:00"), fit: { kind: "flex" } });
  });

  test("the recovery buffer is kept after the previous job and before the next, not before the first", () => {
    const travel = travelTable({ "job:a↔job:n": 10, "job:n↔job:b": 10 }, 0);
    const ana = makeTechnician({ id: "ana", recoveryBufferMin: 15 });
    const lane = [makeAssignment("a", "ana", "08:00", "09:00"), makeAssignment("b", "ana", "11:00", "12:00")];
    const { positions } = findInsertions(ana, lane, makeJob({ id: "n", durationMin: 60 }), travel);
    // 09:00 + 10 travel + 15 recovery → 09:25, on the 15-minute grid 09:30 (09:15 without the buffer);
    // 10:30 + 10 travel + 15 recovery = 10:55, before b at 11:00
    const between = positions.find((p) => p.prevJobId === "a" && p.nextJobId === "b");
    expect(between?.start).toBe(at("09:30"));
    const without = findInsertions({ ...ana, recoveryBufferMin: 0 }, lane, makeJob({ id: "n", durationMin: 60 }), travel);
    expect(without.positions.find((p) => p.prevJobId === "a" && p.nextJobId === "b")?.start).toBe(at("09:15"));
    const first = findInsertions(ana, [makeAssignment("b", "ana", "10:00", "11:00")], makeJob({ id: "n", durationMin: 60 }), travel);
    expect(first.positions.find((p) => p.nextJobId === "b")?.start).toBe(at("08:00"));
    const tight = findInsertions(ana, [makeAssignment("b", "ana", "09:20", "11:00")], makeJob({ id: "n", durationMin: 60 }), travel);
    // 08:00 + 60 + 10 travel + 15 recovery = 09:25 > 09:20: not before b
    expect(tight.positions.find((p) => p.nextJobId === "b")).toBeUndefined();
  });

  test("routine work is offered its block and prefers it; other work is kept out of it where it can be", () => {
    const ana = makeTechnician({ id: "ana", slotBlocks: [routineBlock] });
    const routine = findInsertions(ana, [], makeJob({ id: "r", templateId: ROUTINE }), noTravel);
    expect(routine.positions[0]).toMatchObject({ start: at("09:00"), fit: { kind: "own_block" } });
    const other = findInsertions(ana, [makeAssignment("a", "ana", "08:00", "09:00")], makeJob({ id: "o", durationMin: 60 }), noTravel);
    expect(other.positions[0]).toMatchObject({ start: at("11:00"), fit: { kind: "open" } });
  });
});

describe("scoring, checks and bump ranking follow the slot template", () => {
  test("scoring says why a routine job sits in its block, and never offers a flex slot to normal work", () => {
    const ana = makeTechnician({ id: "ana", name: "Ana", slotBlocks: [routineBlock, flexSlot] });
    const routine = makeJob({ id: "r", templateId: ROUTINE, status: "unscheduled" });
    const index = prepareBoard({ technicians: [ana], jobs: [routine], assignments: [] });
    const [best] = scoreTechnicians(index, routine, noTravel, { capacityThreshold: 1 });
    expect(best.slot?.start).toBe(at("09:00"));
    expect(best.parts).toContainEqual({ factor: "slot", value: 15, why: "in its Routine maintenance block 09:00–11:00" });

    const busy = makeTechnician({ id: "bo", name: "Bo", slotBlocks: [flexSlot] });
    const normal = makeJob({ id: "n", status: "unscheduled" });
    const full = prepareBoard({
      technicians: [busy],
      jobs: [normal, makeJob({ id: "a" }), makeJob({ id: "b" })],
      assignments: [makeAssignment("a", "bo", "08:00", "13:00"), makeAssignment("b", "bo", "15:00", "16:00")],
    });
    const [bo] = scoreTechnicians(full, normal, noTravel, { capacityThreshold: 1 });
    expect(bo.eligible).toBe(false);
    expect(bo.parts.map((p) => p.why).join(" ")).toContain("flex slot 13:00–15:00 kept for urgent work");
  });

  test("a dispatcher's placement is warned about a flex slot, another kind's block and a short recovery", () => {
    const ana = makeTechnician({ id: "ana", name: "Ana", slotBlocks: [routineBlock, flexSlot], recoveryBufferMin: 15 });
    const board = {
      technicians: [ana],
      jobs: [makeJob({ id: "a" }), makeJob({ id: "n" }), makeJob({ id: "u", priority: 1 })],
      assignments: [makeAssignment("a", "ana", "12:00", "13:00")],
    };
    const travel = travelTable({ "job:a↔job:n": 10, "job:a↔job:u": 10 }, 0);
    const inFlex = checkPlacement({ jobId: "n", leaderId: "ana", helperIds: [], start: at("13:15"), end: at("14:15") }, board, travel);
    expect(inFlex.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["flex_slot", "travel_before"]));
    expect(inFlex.warnings.find((w) => w.code === "travel_before")?.message).toBe("Ana needs 10 min travel + 15 min recovery from WO-a, only 15 min gap");
    const urgent = checkPlacement({ jobId: "u", leaderId: "ana", helperIds: [], start: at("13:30"), end: at("14:30") }, board, travel);
    expect(urgent.warnings).toEqual([]);
    const reserved = checkPlacement({ jobId: "n", leaderId: "ana", helperIds: [], start: at("09:00"), end: at("10:00") }, board, travel);
    expect(reserved.warnings.map((w) => w.message)).toContain("WO-n at 09:00–10:00 is in the 09:00–11:00 block reserved for Routine maintenance");
  });

  test("the bump optimizer takes a free flex slot before bumping anyone, and re-placed jobs stay out of it", () => {
    const ana = makeTechnician({ id: "ana", name: "Ana", slotBlocks: [flexSlot] });
    const jobs = [makeJob({ id: "a", priority: 4 }), makeJob({ id: "b", priority: 4 }), makeJob({ id: "u", priority: 1, status: "unscheduled" })];
    const board = { technicians: [ana], jobs, assignments: [makeAssignment("a", "ana", "08:00", "13:00"), makeAssignment("b", "ana", "15:00", "16:00")] };
    const ranking = rankBumpOptions(jobs[2], board, noTravel, at("07:00"));
    expect(ranking.options[0]).toMatchObject({ fitsWithoutBump: true, urgentSlot: { start: at("13:00"), end: at("14:00") }, bumped: [] });
    // and says so, in words
    expect(ranking.options[0].flexSlot).toEqual({ label: "Flex (emergencies)", start: at("13:00"), end: at("15:00") });
    expect(ranking.options[0].harm.parts[0].why).toBe("takes the free flex slot Flex (emergencies) 13:00–15:00 kept for urgent work in Ana's day: nobody is bumped");
    expect(ranking.message).toBe("Ana can take WO-u at 13:00–14:00 in the free flex slot Flex (emergencies) 13:00–15:00 kept for urgent work, without bumping anyone");
    // a free gap outside any flex slot is no flex slot
    const open = rankBumpOptions(jobs[2], { ...board, technicians: [{ ...ana, slotBlocks: [] }] }, noTravel, at("07:00"));
    expect(open.options[0].flexSlot).toBeUndefined();
    expect(open.message).toBe("Ana can take WO-u at 13:00–14:00 without bumping anyone");

    // a longer urgent job does not fit the free flex slot: jobs are bumped, and none is re-placed into it
    const long = makeJob({ id: "u2", priority: 1, durationMin: 150, status: "unscheduled" });
    const day = [makeAssignment("a", "ana", "08:00", "09:00"), makeAssignment("b", "ana", "09:00", "10:00"), makeAssignment("c", "ana", "10:00", "11:00"), makeAssignment("e", "ana", "11:00", "13:00"), makeAssignment("d", "ana", "15:00", "16:00")];
    const dayJobs = ["a", "b", "c", "d", "e"].map((id) => makeJob({ id, priority: 4 }));
    const placedInFlex = (t: typeof ana) =>
      rankBumpOptions(long, { technicians: [t], jobs: [...dayJobs, long], assignments: day }, noTravel, at("07:00"))
        .options.flatMap((o) => o.bumped)
        .some((b) => b.newSlot !== null && b.newSlot.start < flexSlot.end && flexSlot.start < b.newSlot.end);
    expect(placedInFlex({ ...ana, slotBlocks: [] })).toBe(true);
    expect(placedInFlex(ana)).toBe(false);
  });
});
