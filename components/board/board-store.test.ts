import { describe, expect, it } from "vitest";
import { createBoardStore, LANE_SLICE, NETWORK_ERROR, type BoardApi } from "@/components/board/board-store";
import { PENDING_PREFIX } from "@/components/board/board-state";
import { testAssignment, testDay, testJob, testTech } from "@/components/board/test-day";
import type { BoardChangeResult } from "@/lib/db/board-changes";
import type { BoardJobsPatch, BoardLanes } from "@/lib/db/board";
import { fail, ok, type ActionResult } from "@/lib/actions/result";

const at10 = { leaderId: "t2", helperIds: [], start: "2026-11-23T16:00:00.000Z", end: "2026-11-23T17:00:00.000Z" };

/** A server whose answers the test hands out one by one, so it can look in between. */
function controlledApi() {
  const calls: { name: string; input: unknown; answer: (r: ActionResult<unknown> | Error) => void }[] = [];
  const call = <T>(name: string) => (input: unknown) =>
    new Promise<ActionResult<T>>((resolve, reject) => {
      calls.push({ name, input, answer: (r) => (r instanceof Error ? reject(r) : resolve(r as ActionResult<T>)) });
    });
  const api: BoardApi = {
    loadDay: call("loadDay"),
    loadJobs: call("loadJobs"),
    loadLanes: call("loadLanes"),
    place: call("place"),
    unassign: call("unassign"),
    undo: call("undo"),
  };
  return { api, calls };
}

function setup() {
  const said: { tone: string; text: string }[] = [];
  const { api, calls } = controlledApi();
  const store = createBoardStore(testDay(), { api, say: (tone, text) => said.push({ tone, text }), tabId: "tab-1234567890" });
  return { store, calls, said };
}

const placed = (over: Partial<BoardChangeResult> = {}): BoardChangeResult => ({
  changeId: "c-1",
  kind: "assign",
  summary: "Dana scheduled WO-q1 for Tech t2 at 10:00–11:00",
  job: testJob("q1", { status: "scheduled", priority: 2, version: 2 }),
  assignment: testAssignment("q1", "t2", at10.start, at10.end, { id: "a-q1", version: 1 }),
  warnings: [],
  customerNotice: "not_needed",
  ...over,
});

describe("the board store", () => {
  it("shows a drop at once as being saved, then the server's versions when it answers", async () => {
    const { store, calls, said } = setup();
    const saving = store.commit({ kind: "place", jobId: "q1", placement: at10 }, true);
    expect(store.pendingIds().has("q1")).toBe(true);
    expect(store.getDay().assignments.find((a) => a.jobId === "q1")!.id).toBe(`${PENDING_PREFIX}q1`);
    expect(store.getDay().queue).toEqual(["q2"]);
    expect(calls[0]).toMatchObject({ name: "place", input: { jobId: "q1", assignmentVersion: null, tabId: "tab-1234567890" } });

    calls[0].answer(ok(placed()));
    expect(await saving).toBe(true);
    expect(store.pendingIds().size).toBe(0);
    expect(store.getDay().assignments.find((a) => a.jobId === "q1")).toMatchObject({ id: "a-q1", version: 1 });
    expect(said).toEqual([{ tone: "success", text: "Dana scheduled WO-q1 for Tech t2 at 10:00–11:00" }]);
  });

  it("a conflict puts the job back, says who changed it, and reloads the day", async () => {
    const { store, calls, said } = setup();
    const saving = store.commit({ kind: "place", jobId: "1", placement: at10 }, true);
    calls[0].answer(fail("conflict", "WO-1 was changed by Sam at 09:14. The board now shows the latest."));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getDay().assignments.find((a) => a.jobId === "1")!.leaderId).toBe("t1");
    expect(calls[1].name).toBe("loadDay");
    const fresh = testDay({ assignments: [testAssignment("1", "t2", at10.start, at10.end, { version: 5 })] });
    calls[1].answer(ok(fresh));
    expect(await saving).toBe(false);
    expect(store.getDay().assignments).toEqual(fresh.assignments);
    expect(said).toEqual([{ tone: "error", text: "WO-1 was changed by Sam at 09:14. The board now shows the latest." }]);
  });

  it("an unreachable server puts the job back and says nothing was saved", async () => {
    const { store, calls, said } = setup();
    const saving = store.commit({ kind: "unassign", jobId: "1" }, true);
    expect(store.getDay().queue).toContain("1");
    calls[0].answer(new Error("fetch failed"));
    expect(await saving).toBe(false);
    expect(store.getDay().queue).not.toContain("1");
    expect(store.getDay().assignments.find((a) => a.jobId === "1")!.leaderId).toBe("t1");
    expect(said).toEqual([{ tone: "error", text: NETWORK_ERROR }]);
  });

  it("a second change to a job still being saved waits", async () => {
    const { store, calls, said } = setup();
    void store.commit({ kind: "place", jobId: "q1", placement: at10 }, true);
    expect(await store.commit({ kind: "unassign", jobId: "q1" }, true)).toBe(false);
    expect(calls).toHaveLength(1);
    expect(said).toEqual([{ tone: "info", text: "WO-q1 is still being saved; try again in a moment." }]);
  });

  it("undo applies the server's answer; a refused undo says why", async () => {
    const { store, calls, said } = setup();
    const undoing = store.undo(undefined, true);
    calls[0].answer(ok(placed({ kind: "undo", summary: "Dana undid: moved WO-q1" })));
    expect(await undoing).toBe(true);
    expect(store.getDay().queue).toEqual(["q2"]);
    const again = store.undo("c-1", true);
    calls[1].answer(fail("conflict", "That change has already been undone."));
    await new Promise((r) => setTimeout(r, 0));
    calls[2].answer(ok(store.getDay()));
    expect(await again).toBe(false);
    expect(said.map((s) => s.text)).toEqual(["Dana undid: moved WO-q1", "That change has already been undone."]);
  });

  it("a live patch says when somebody else cancelled a visit on the board or sent one back for review, once", async () => {
    const { store, calls, said } = setup();
    const patching = store.patch(["1", "2"]);
    calls[0].answer(
      ok({
        date: "2026-11-23",
        jobs: [
          testJob("1", { status: "cancelled", version: 5 }),
          testJob("2", { dispatchState: "review", dispatchReason: "The customer asked for another time: Wednesday afternoon, \u201cnobody home before noon\u201d", version: 2 }),
        ],
        assignments: [testAssignment("2", "t2", "2026-11-23T20:00:00.000Z", "2026-11-23T21:00:00.000Z")],
        queued: [],
      }),
    );
    expect(await patching).toBe(true);
    expect(said).toEqual([
      { tone: "info", text: "WO-1 for Customer 1 was cancelled and has left the board." },
      { tone: "info", text: "WO-2 for Customer 2 needs review: The customer asked for another time: Wednesday afternoon, \u201cnobody home before noon\u201d." },
    ]);
    expect(store.getDay().assignments.map((a) => a.jobId)).not.toContain("1");
    // the same state patched again says nothing new
    const again = store.patch(["2"]);
    calls[1].answer(ok({ date: "2026-11-23", jobs: [store.getDay().jobs["2"]], assignments: [testAssignment("2", "t2", "2026-11-23T20:00:00.000Z", "2026-11-23T21:00:00.000Z")], queued: [] }));
    await again;
    expect(said).toHaveLength(2);
  });

  it("a live patch keeps our own unsaved change on top, and one that raced our save is fetched again", async () => {
    const { store, calls } = setup();
    const saving = store.commit({ kind: "place", jobId: "q1", placement: at10 }, true);
    const patching = store.patch(["q1", "2"]);
    const somebodyElse: BoardJobsPatch = {
      date: "2026-11-23",
      jobs: [testJob("q1", { status: "unscheduled", priority: 2 }), testJob("2", { version: 4 })],
      assignments: [testAssignment("2", "t2", "2026-11-23T20:00:00.000Z", "2026-11-23T21:00:00.000Z", { version: 3 })],
      queued: ["q1"],
    };
    // our save lands first: the patch that started before it is stale and asked again
    calls[0].answer(ok(placed()));
    await saving;
    calls[1].answer(ok(somebodyElse));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls[2]).toMatchObject({ name: "loadJobs", input: { jobIds: ["q1", "2"] } });
    calls[2].answer(ok({ ...somebodyElse, jobs: [placed().job, testJob("2", { version: 4 })], assignments: [placed().assignment!, somebodyElse.assignments[0]], queued: [] }));
    expect(await patching).toBe(true);
    const day = store.getDay();
    expect(day.assignments.find((a) => a.jobId === "2")).toMatchObject({ leaderId: "t2", version: 3 });
    expect(day.assignments.find((a) => a.jobId === "q1")).toMatchObject({ id: "a-q1" });
    expect(day.queue).toEqual(["q2"]);
  });

  describe("filling in a large board after its first paint", () => {
    // the first paint: t1 and t2 with the queue; t3 and t4 follow in slices
    const firstPaint = () => ({ ...testDay(), partial: true });
    const slice = (offset: number, over: Partial<BoardLanes>): BoardLanes => ({ date: "2026-11-23", offset, technicians: [], assignments: [], jobs: {}, more: false, ...over });
    const onT3 = testAssignment("3", "t3", "2026-11-23T15:00:00.000Z", "2026-11-23T16:00:00.000Z");
    const onT4 = testAssignment("4", "t4", "2026-11-23T15:00:00.000Z", "2026-11-23T16:00:00.000Z");

    function filling() {
      const said: { tone: string; text: string }[] = [];
      const { api, calls } = controlledApi();
      const store = createBoardStore(firstPaint(), { api, say: (tone, text) => said.push({ tone, text }), tabId: "tab-1234567890" });
      return { store, calls, said, done: store.fill() };
    }

    it("reads the lanes after the first ones a slice at a time, then lays them on together, keeping what it has", async () => {
      const { store, calls, done } = filling();
      expect(calls[0]).toMatchObject({ name: "loadLanes", input: { date: "2026-11-23", offset: 2, limit: LANE_SLICE } });
      // a visit shared with a lane already here comes again in the slice: the board keeps its own
      const shared = testAssignment("1", "t3", "2026-11-23T18:00:00.000Z", "2026-11-23T19:00:00.000Z");
      calls[0].answer(ok(slice(2, { technicians: [testTech("t3")], assignments: [onT3, shared], jobs: { "3": testJob("3"), "1": testJob("1", { version: 9 }) }, more: true })));
      await new Promise((r) => setTimeout(r, 0));
      // nothing is laid on until the last slice is in
      expect(store.getDay().technicians.map((t) => t.id)).toEqual(["t1", "t2"]);
      expect(calls[1]).toMatchObject({ name: "loadLanes", input: { offset: 3 } });
      calls[1].answer(ok(slice(3, { technicians: [testTech("t4")], assignments: [onT4], jobs: { "4": testJob("4") } })));
      expect(await done).toBe(true);
      const day = store.getDay();
      expect(day.technicians.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4"]);
      expect(day.assignments.map((a) => a.jobId).sort()).toEqual(["1", "2", "3", "4"]);
      expect(day.assignments.find((a) => a.jobId === "1")).toMatchObject({ leaderId: "t1" });
      expect(day.jobs["1"].version).toBe(1);
      expect(day.partial).toBe(false);
      expect(calls).toHaveLength(2);
    });

    it("keeps what other people's changes said about a job while the slices were read", async () => {
      const { store, calls, done } = filling();
      // the slice is read before somebody cancels WO-3 on t3's lane...
      calls[0].answer(ok(slice(2, { technicians: [testTech("t3")], assignments: [onT3], jobs: { "3": testJob("3") }, more: true })));
      await new Promise((r) => setTimeout(r, 0));
      // ...and the cancellation's patch lands before the last slice: WO-3 stays off the board
      const patching = store.patch(["3"]);
      calls[2].answer(ok({ date: "2026-11-23", jobs: [testJob("3", { status: "cancelled" })], assignments: [], queued: [] }));
      await patching;
      calls[1].answer(ok(slice(3, { technicians: [testTech("t4")], assignments: [onT4], jobs: { "4": testJob("4") } })));
      expect(await done).toBe(true);
      expect(store.getDay().technicians.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4"]);
      expect(store.getDay().assignments.map((a) => a.jobId)).not.toContain("3");
      expect(store.getDay().assignments.map((a) => a.jobId)).toContain("4");
    });

    it("leaves the day to a reload that brought all of it meanwhile", async () => {
      const { store, calls, done } = filling();
      const reloading = store.reload();
      const whole = testDay({ technicians: [testTech("t1"), testTech("t2"), testTech("t3")] });
      calls[1].answer(ok(whole));
      await reloading;
      calls[0].answer(ok(slice(2, { technicians: [testTech("t3")], more: true })));
      expect(await done).toBe(true);
      expect(calls).toHaveLength(2);
      expect(store.getDay()).toEqual(whole);
    });

    it("says so when the rest of the board cannot be read, and keeps the first lanes", async () => {
      const { store, calls, said, done } = filling();
      calls[0].answer(new Error("fetch failed"));
      expect(await done).toBe(false);
      expect(said).toEqual([{ tone: "error", text: "The rest of the board could not be loaded. Check your connection, then reload the page." }]);
      expect(store.getDay().technicians.map((t) => t.id)).toEqual(["t1", "t2"]);
    });

    it("waits for the dispatcher: no slice is asked for during a drag, and none laid on while a change is being saved", async () => {
      const { api, calls } = controlledApi();
      const store = createBoardStore(firstPaint(), { api, say: () => undefined, tabId: "tab-1234567890" });
      store.setDragging(true);
      const done = store.fill();
      await new Promise((r) => setTimeout(r, 0));
      expect(calls).toHaveLength(0);
      store.setDragging(false);
      await new Promise((r) => setTimeout(r, 0));
      expect(calls[0]).toMatchObject({ name: "loadLanes", input: { offset: 2 } });
      // a drop is saved while the slice is on its way: the slice waits for the answer
      const saving = store.commit({ kind: "place", jobId: "q1", placement: at10 }, true);
      calls[0].answer(ok(slice(2, { technicians: [testTech("t3")], assignments: [onT3], jobs: { "3": testJob("3") } })));
      await new Promise((r) => setTimeout(r, 0));
      expect(store.getDay().technicians.map((t) => t.id)).toEqual(["t1", "t2"]);
      calls[1].answer(ok(placed()));
      await saving;
      expect(await done).toBe(true);
      expect(store.getDay().technicians.map((t) => t.id)).toEqual(["t1", "t2", "t3"]);
      expect(store.getDay().assignments.find((a) => a.jobId === "q1")).toMatchObject({ id: "a-q1" });
    });

    it("does nothing for a board that is whole", async () => {
      const { api, calls } = controlledApi();
      const store = createBoardStore(testDay(), { api, say: () => undefined, tabId: "tab-1234567890" });
      expect(await store.fill()).toBe(true);
      expect(calls).toHaveLength(0);
    });
  });
});
