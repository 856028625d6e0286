import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serialize } from "node:v8";
import { afterAll, describe, expect, it } from "vitest";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import { randomInstance } from "@/lib/engine/vrp/test-instances";

// The production server loads the optimiser's thread from the built file: it must
// run on plain Node, with no TypeScript loader and no node_modules at all.
const dir = mkdtempSync(path.join(tmpdir(), "crewboard-solver-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the built route optimiser worker", () => {
  it("solves in a worker thread of a plain Node process, far from node_modules", () => {
    const built = path.join(dir, "build", "solver-worker.mjs");
    const build = spawnSync(process.execPath, ["scripts/build-solver.mjs", "--outfile", built], { encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    const source = readFileSync(built, "utf8");
    expect(source).not.toMatch(/from\s+["'](?!node:)/);
    expect(source).not.toMatch(/tsx/);

    // a directory of its own, with the built file only
    const alone = path.join(dir, "alone");
    spawnSync("mkdir", ["-p", alone]);
    copyFileSync(built, path.join(alone, "solver-worker.mjs"));
    const instance = randomInstance({ clients: 25, vehicles: 3, seed: 4, windowWidth: 200 });
    writeFileSync(path.join(alone, "instance.bin"), serialize(instance));
    writeFileSync(
      path.join(alone, "run.mjs"),
      `import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { deserialize } from "node:v8";
const instance = deserialize(readFileSync(new URL("./instance.bin", import.meta.url)));
const worker = new Worker(new URL("./solver-worker.mjs", import.meta.url));
worker.on("message", (m) => { if (m.type !== "progress") { console.log(JSON.stringify(m)); worker.terminate(); } });
worker.postMessage({ instance, seed: 3, timeLimitMs: 30000, maxIterations: 200 });
`,
    );
    const env = { PATH: process.env.PATH ?? "", NODE_ENV: "production" as const };
    const run = spawnSync(process.execPath, ["run.mjs"], { cwd: alone, encoding: "utf8", env });
    expect(run.status, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout.trim().split("\n").pop()!);
    expect(answer.type).toBe("result");
    expect(answer.seed).toBe(3);
    expect(answer.feasible).toBe(true);
    const check = checkSolution(instance, answer.solution, { claimedDistance: answer.distance });
    expect(check.problems).toEqual([]);
  });
});
