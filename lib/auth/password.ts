import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt cost for new hashes: N = 2^17, r = 8, p = 1 (about 128 MiB and a few hundred ms per check). */
export const PASSWORD_PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 64 } as const;
/** Stored hashes asking for more than this are refused rather than run (a forged row must not exhaust memory). */
const MAX_N = 2 ** 20;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Memory scrypt needs for N and r (128·N·r bytes), with room to spare. */
const maxmemFor = (N: number, r: number) => 128 * N * r * 2;

/**
 * Hashes a password with scrypt into a self-describing string.
 *
 * @example
 * await hashPassword("correct horse") // "scrypt$131072$8$1$<salt>$<hash>"
 */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = PASSWORD_PARAMS;
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize("NFKC"), salt, keyLength, { N, r, p, maxmem: maxmemFor(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string | null | undefined): { N: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4], "base64url");
  const hash = Buffer.from(parts[5], "base64url");
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

/** Checks a password against a stored hash in constant time; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const key = await scryptAsync(password.normalize("NFKC"), salt, hash.length, { N, r, p, maxmem: maxmemFor(N, r) });
  return key.length === hash.length && timingSafeEqual(key, hash);
}

/**
 * True when a stored hash was made with weaker settings than today's: after a
 * successful sign-in it is replaced by a fresh hash of the same password.
 *
 * @example
 * needsRehash("scrypt$16384$8$1$…$…") // true
 */
export function needsRehash(stored: string | null | undefined): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.N < PASSWORD_PARAMS.N || parsed.r < PASSWORD_PARAMS.r || parsed.hash.length < PASSWORD_PARAMS.keyLength;
}

/** A hash of a random password, compared against for unknown users so timing reveals nothing. */
export const DUMMY_HASH_PROMISE: Promise<string> = hashPassword(randomBytes(12).toString("hex"));
