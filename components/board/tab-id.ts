/**
 * A random id for this browser tab, sent with each board change so the change's live
 * event can be told apart from other tabs' (even the same person's).
 * `crypto.randomUUID` needs a secure context; plain http on a LAN address is not one.
 *
 * @example newTabId() // "3f0c9a4e-…"
 */
export function newTabId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
