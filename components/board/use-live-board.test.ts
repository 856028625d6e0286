import { describe, expect, test } from "vitest";
import { concernsBoard } from "@/components/board/use-live-board";

describe("concernsBoard", () => {
  const date = "2026-12-02";
  test.each([
    ["another tab's change on this day", { tabId: "other", days: [date], queue: false }, true],
    ["a change with no tab (the engine, the API) on this day", { tabId: null, days: [date], queue: false }, true],
    ["this tab's own change", { tabId: "mine", days: [date], queue: false }, false],
    ["a change on another day", { tabId: "other", days: ["2026-12-03"], queue: false }, false],
    ["a job leaving or joining the queue, which every day shows", { tabId: "other", days: [], queue: true }, true],
    ["a move from this day to another", { tabId: null, days: ["2026-12-03", date], queue: false }, true],
  ])("%s", (_, event, expected) => {
    expect(concernsBoard(event, "mine", date)).toBe(expected);
  });
});
