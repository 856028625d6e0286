import { describe, expect, test } from "vitest";
import { bearerKey, generateKeyToken, hashKeyToken } from "@/lib/auth/api-key-token";

describe("API key tokens", () => {
  test("a new key starts with its prefix and hashes to what is stored", () => {
    const t = generateKeyToken();
    expect(t.key.startsWith(`${t.prefix}_`)).toBe(true);
    expect(t.prefix).toMatch(/^cb_[0-9a-f]{8}$/);
    expect(t.hash).toBe(hashKeyToken(t.key));
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateKeyToken().key).not.toBe(t.key);
  });

  test.each([[null], [""], ["Basic abc"], ["Bearer cb_12345678_short"], ["Bearer not-a-key"]])("bearerKey(%j) finds no key", (header) => {
    expect(bearerKey(header)).toBeNull();
  });

  test("bearerKey reads a well-formed key", () => {
    const { key } = generateKeyToken();
    expect(bearerKey(`Bearer ${key}`)).toBe(key);
    expect(bearerKey(`bearer ${key}  `)).toBe(key);
  });
});
