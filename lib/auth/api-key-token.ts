import { createHash, randomBytes } from "node:crypto";

/** What a new key looks like: `cb_<8 hex>_<43 base64url>`; the first 11 characters are its visible prefix. */
const KEY_PATTERN = /^cb_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export interface NewKeyToken {
  /** The whole key: shown once, never stored. */
  key: string;
  /** The visible start of the key (`cb_3f9a2c1d`), stored and listed. */
  prefix: string;
  /** sha-256 of the key, hex: what is stored and looked up. */
  hash: string;
}

/**
 * A fresh random API key with its prefix and hash.
 *
 * @example
 * const { key, prefix, hash } = generateKeyToken(); // key "cb_3f9a2c1d_…", prefix "cb_3f9a2c1d"
 */
export function generateKeyToken(): NewKeyToken {
  const prefix = `cb_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashKeyToken(key) };
}

/** sha-256 hex of a key (keys are long random strings: a fast hash is enough). */
export function hashKeyToken(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * The key from an `Authorization: Bearer …` header, or null when the header is
 * missing or does not hold something shaped like a Crewboard key.
 *
 * @example
 * bearerKey("Bearer cb_3f9a2c1d_…") // "cb_3f9a2c1d_…"
 */
export function bearerKey(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match && KEY_PATTERN.test(match[1]) ? match[1] : null;
}
