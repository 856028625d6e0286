import { createHash, randomBytes } from "node:crypto";

/** A random single-use link token (256 bits) and the SHA-256 the database keeps of it. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: linkTokenHash(token) };
}

/** The stored form of a link token. */
export function linkTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
