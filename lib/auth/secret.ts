import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Shortest signing key accepted, from the environment or the key file. */
export const MIN_SECRET_LENGTH = 32;

let cached: string | undefined;

/**
 * The key that signs session cookies: `AUTH_SECRET`, or for the embedded default a
 * random key generated once into `.data/auth-secret` (kept across restarts).
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    cached = fromEnv;
    return cached;
  }
  if (process.env.DATABASE_URL) {
    throw new Error("AUTH_SECRET must be set when DATABASE_URL points at a shared database");
  }
  cached = readOrCreateSecretFile(path.join(process.cwd(), ".data", "auth-secret"));
  return cached;
}

/**
 * Reads the key file, creating it first if it does not exist. Creation is atomic: the
 * key is written in full to a private temporary file that is then hard-linked into
 * place, which fails if another process got there first — so a reader never sees a
 * half-written key, and every process ends up with the one key that won.
 * A file that exists but holds an empty or short key is refused, never replaced
 * (replacing it would sign everyone out and hide whatever truncated it).
 */
export function readOrCreateSecretFile(file: string): string {
  const existing = readKey(file);
  if (existing !== null) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(temp);
  }
  const key = readKey(file);
  if (key === null) throw new Error(`${file} could not be created`);
  return key;
}

function readKey(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const key = text.trim();
  if (key.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${file} holds ${key.length === 0 ? "no key" : `a ${key.length}-character key`}; a signing key needs at least ${MIN_SECRET_LENGTH} characters. ` +
        "Restore the file from a backup, or delete it to generate a new key (everyone will have to sign in again).",
    );
  }
  return key;
}
