import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";
import { readOrCreateSecretFile } from "@/lib/auth/secret";

const dir = () => mkdtempSync(path.join(tmpdir(), "crewboard-secret-"));

describe("the embedded signing key file", () => {
  test("is created once with a long random key, readable only by its owner", () => {
    const file = path.join(dir(), ".data", "auth-secret");
    const key = readOrCreateSecretFile(file);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(readOrCreateSecretFile(file)).toBe(key);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(path.dirname(file))).toEqual(["auth-secret"]);
  });
  test.each([
    ["empty", ""],
    ["whitespace", "   \n"],
    ["short", "abc123"],
  ])("an %s key file is refused with a clear error and left alone", (_name, content) => {
    const file = path.join(dir(), "auth-secret");
    writeFileSync(file, content);
    expect(() => readOrCreateSecretFile(file)).toThrow(/needs at least 32 characters/);
    expect(readFileSync(file, "utf8")).toBe(content);
  });
  test("processes starting together all end up with the same key", async () => {
    const file = path.join(dir(), "auth-secret");
    const script = `import("${path.resolve("lib/auth/secret.ts")}").then((m) => process.stdout.write(m.readOrCreateSecretFile(${JSON.stringify(file)})))`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const keys = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe(readFileSync(file, "utf8"));
  }, 120_000);
});
