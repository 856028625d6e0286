import { describe, expect, it } from "vitest";
import { NO_FILTER, filterQueue, queueFacets } from "@/components/board/queue-filter";
import { testJob } from "@/components/board/test-day";

const jobs = [
  testJob("a", { priority: 3, estimatedMinutes: 60, city: "Chicago", requiredSkills: ["HVAC"], deadline: null, customerName: "Rossi Bakery" }),
  testJob("b", { priority: 1, estimatedMinutes: 120, city: "Evanston", requiredSkills: ["EPA-608", "refrigeration"], deadline: "2026-11-23T23:00:00Z" }),
  testJob("c", { priority: 3, estimatedMinutes: 180, city: "Chicago", requiredSkills: ["boiler"], deadline: "2026-11-23T20:00:00Z" }),
];
const ids = (list: { id: string }[]) => list.map((j) => j.id);

describe("filterQueue", () => {
  it.each([
    ["priority", ["b", "c", "a"]],
    ["deadline", ["c", "b", "a"]],
    ["duration", ["c", "b", "a"]],
  ] as const)("sorts by %s", (sort, expected) => expect(ids(filterQueue(jobs, { ...NO_FILTER, sort }))).toEqual(expected));

  it("filters by priority, skill and city", () => {
    expect(ids(filterQueue(jobs, { ...NO_FILTER, priority: 3 }))).toEqual(["c", "a"]);
    expect(ids(filterQueue(jobs, { ...NO_FILTER, skill: "EPA-608" }))).toEqual(["b"]);
    expect(ids(filterQueue(jobs, { ...NO_FILTER, city: "Chicago", sort: "duration" }))).toEqual(["c", "a"]);
  });

  it("matches every word of the free text anywhere, ignoring case", () => {
    expect(ids(filterQueue(jobs, { ...NO_FILTER, text: "rossi CHICAGO" }))).toEqual(["a"]);
    expect(ids(filterQueue(jobs, { ...NO_FILTER, text: "wo-b" }))).toEqual(["b"]);
    expect(filterQueue(jobs, { ...NO_FILTER, text: "nowhere" })).toEqual([]);
  });
});

describe("queueFacets", () => {
  it("lists each skill and city once, sorted", () => {
    expect(queueFacets(jobs)).toEqual({ skills: ["boiler", "EPA-608", "HVAC", "refrigeration"], cities: ["Chicago", "Evanston"] });
  });
});
