import { describe, expect, test } from "vitest";
import { demoDataWanted } from "@/lib/db/demo-policy";

describe("demoDataWanted", () => {
  const server = { DATABASE_URL: "postgres://db.example/crewboard" };
  test.each([
    ["embedded default", {}, [], true],
    ["embedded, demo switched off", { CREWBOARD_DEMO: "false" }, [], false],
    ["server database", server, [], false],
    ["server database with CREWBOARD_DEMO=true", { ...server, CREWBOARD_DEMO: "true" }, [], true],
    ["server database with --demo", server, ["--demo"], true],
    ["server database with another value", { ...server, CREWBOARD_DEMO: "yes" }, [], false],
  ] as const)("%s", (_name, env, argv, wanted) => {
    expect(demoDataWanted(env, argv)).toBe(wanted);
  });
});
