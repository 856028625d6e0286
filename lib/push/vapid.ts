import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";

/** The server's Web Push identity (VAPID): the public key phones subscribe with, and the private key that signs. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who runs this server, as push services want to know: a mailto: or https: URL. */
  subject: string;
}

let cached: VapidKeys | undefined;

/**
 * `VAPID_PUBLIC_KEY` / `VAPID_PRIVATE_KEY`, or for the embedded default a pair
 * generated once into `.data/vapid-keys.json` (kept across restarts, like the
 * session key: a new pair would orphan every phone's subscription).
 */
export function vapidKeys(): VapidKeys {
  if (cached) return cached;
  const subject = process.env.VAPID_SUBJECT ?? "mailto:crewboard@localhost";
  const publicKey = process.env.VAPID_PUBLIC_KEY;
  const privateKey = process.env.VAPID_PRIVATE_KEY;
  if (publicKey && privateKey) {
    cached = { publicKey, privateKey, subject };
    return cached;
  }
  if (process.env.DATABASE_URL) {
    throw new Error("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set when DATABASE_URL points at a shared database");
  }
  const dir = path.join(process.cwd(), ".data");
  const file = path.join(dir, "vapid-keys.json");
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
    cached = { ...kept, subject };
  } catch {
    mkdirSync(dir, { recursive: true });
    const fresh = webpush.generateVAPIDKeys();
    try {
      writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: "wx" });
      cached = { ...fresh, subject };
    } catch {
      // another process wrote it first: use theirs
      cached = { ...(JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string }), subject };
    }
  }
  return cached;
}
