import { describe, expect, it } from "vitest";
import { isUndoKey, requestUndo, UNDO_NETWORK_ERROR, type UndoFlowOptions } from "@/components/board/board-undo";
import { testAssignment, testDay } from "@/components/board/test-day";
import type { UndoableChange } from "@/lib/db/board-changes";
import { fail, ok } from "@/lib/actions/result";

// Monday 2026-11-23, 08:00 Chicago: WO-1 (09:00) is less than 24 hours away
const NOW = Date.parse("2026-11-23T14:00:00.000Z") / 60000;

const change = (over: Partial<UndoableChange> = {}): UndoableChange => ({
  id: "c-1",
  jobId: "1",
  kind: "move",
  summary: "Dana moved WO-1 from Tech t1 09:00 to Tech t1 09:30",
  createdAt: "2026-11-23T13:59:00.000Z",
  ...over,
});

function setup(over: Partial<UndoFlowOptions> = {}) {
  const said: string[] = [];
  const calls: string[] = [];
  const day = testDay();
  const options: UndoFlowOptions = {
    listUndoable: async () => (calls.push("list"), ok([change()])),
    undoOptimisation: async (id) => (calls.push(`undoOptimisation ${id}`), ok({ summary: "optimised Tech t1's day" })),
    undo: async (id, notify) => (calls.push(`undo ${id} notify=${notify}`), true),
    getDay: () => day,
    reload: async () => (calls.push("reload"), true),
    now: () => NOW,
    say: (tone, text) => said.push(`${tone}: ${text}`),
    ...over,
  };
  return { options, said, calls };
}

describe("requestUndo", () => {
  it("with nothing picked, takes back the person's latest change", async () => {
    const { options, calls } = setup();
    expect(await requestUndo(undefined, options)).toEqual({ kind: "undone" });
    expect(calls).toEqual(["list", "undo c-1 notify=true"]);
  });

  it("takes back the change picked from the recent changes without asking for the list", async () => {
    const { options, calls } = setup();
    await requestUndo(change({ id: "c-7" }), options);
    expect(calls).toEqual(["undo c-7 notify=true"]);
  });

  it("says so when there is nothing to undo, and when the list cannot be had", async () => {
    const empty = setup({ listUndoable: async () => ok([]) });
    expect(await requestUndo(undefined, empty.options)).toEqual({ kind: "not_undone" });
    expect(empty.said).toEqual(["info: There is nothing of yours to undo."]);
    const refused = setup({ listUndoable: async () => fail("forbidden", "Your role (viewer) cannot do this.") });
    await requestUndo(undefined, refused.options);
    expect(refused.said).toEqual(["error: Your role (viewer) cannot do this."]);
  });

  it("takes back an optimised day as a whole and reloads the day", async () => {
    const { options, calls, said } = setup();
    expect(await requestUndo(change({ id: "o-1", jobId: null, kind: "optimise" }), options)).toEqual({ kind: "undone" });
    expect(calls).toEqual(["undoOptimisation o-1", "reload"]);
    expect(said).toEqual(["success: Undone: optimised Tech t1's day"]);
  });

  it("asks first about a published visit due within 24 hours, and undoes nothing yet", async () => {
    const day = testDay();
    const published = { ...day, assignments: [testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z", { publishedAt: "2026-11-22T20:00:00.000Z" })] };
    const { options, calls } = setup({ getDay: () => published });
    expect(await requestUndo(undefined, options)).toEqual({ kind: "ask", changeId: "c-1", jobId: "1" });
    expect(calls).toEqual(["list"]);
  });

  it("an unreachable server: says nothing was undone", async () => {
    const { options, said } = setup({ listUndoable: () => Promise.reject(new TypeError("fetch failed")) });
    expect(await requestUndo(undefined, options)).toEqual({ kind: "not_undone" });
    expect(said).toEqual([`error: ${UNDO_NETWORK_ERROR}`]);
  });
});

describe("isUndoKey", () => {
  const press = (over: Partial<Parameters<typeof isUndoKey>[0]> = {}) =>
    isUndoKey({ key: "z", ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, target: null, ...over });
  it.each([
    ["Ctrl+Z", {}, true],
    ["⌘+Z", { ctrlKey: false, metaKey: true }, true],
    ["Ctrl+Shift+Z (redo)", { shiftKey: true }, false],
    ["Z alone", { ctrlKey: false }, false],
    ["Ctrl+Y", { key: "y" }, false],
    ["Ctrl+Z in a text field", { target: { closest: (s: string) => (s.includes("input") ? {} : null) } as unknown as EventTarget }, false],
  ])("%s", (_name, over, expected) => {
    expect(press(over)).toBe(expected);
  });
});
