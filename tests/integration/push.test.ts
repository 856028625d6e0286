// Web Push through the real `web-push` client against a local HTTP server standing
// in for the push service: the payload is encrypted for the phone (RFC 8291, decrypted
// here with the phone's keys), the request carries a VAPID signature from the
// server's key, and a subscription the service calls gone (410) is removed.
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import webpush from "web-push";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createWebPushProvider, type StoredSubscription } from "@/lib/notify/web-push";
import { savePushSubscription, technicianPushProvider } from "@/lib/db/push-subscriptions";
import { testTargets } from "@/supabase/tests/helpers";
import { createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const received: Received[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      const gone = req.url?.startsWith("/gone");
      res.writeHead(gone ? 410 : 201, gone ? {} : { location: `${origin}/messages/${received.length}` });
      res.end(gone ? "push subscription has unsubscribed or expired" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

const b64url = (b: Buffer) => b.toString("base64url");
const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** A phone: its ECDH key pair and auth secret, as a browser makes them. */
function newPhone(path: string) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const sub: StoredSubscription = { endpoint: `${origin}${path}`, p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) };
  return { ecdh, auth, sub };
}

/** RFC 8291 / 8188 (aes128gcm) decryption with the phone's private key. */
function decrypt(body: Buffer, phone: ReturnType<typeof newPhone>): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20];
  const serverPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = phone.ecdh.computeSecret(serverPublic);
  const prkKey = hmac(phone.auth, shared);
  const ikm = hmac(prkKey, Buffer.concat([Buffer.from("WebPush: info\0"), phone.ecdh.getPublicKey(), serverPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // the last record ends with the delimiter 0x02, then padding zeros
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString("utf8");
}

const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:dispatch@example.test" };

/** Checks the VAPID Authorization header: a JWT for the push service's origin, signed by our key. */
function expectVapid(headers: IncomingHttpHeaders) {
  const auth = String(headers.authorization);
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(auth);
  expect(match).not.toBeNull();
  const [, token, key] = match!;
  expect(key).toBe(vapid.publicKey);
  const [h, p, s] = token.split(".");
  expect(JSON.parse(Buffer.from(h, "base64url").toString())).toMatchObject({ alg: "ES256", typ: "JWT" });
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { aud: string; sub: string; exp: number };
  expect(claims).toMatchObject({ aud: origin, sub: vapid.subject });
  const raw = Buffer.from(vapid.publicKey, "base64url");
  const jwk = { kty: "EC", crv: "P-256", x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) };
  const ok = verify("sha256", Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  expect(ok).toBe(true);
}

describe("the Web Push provider", () => {
  test("sends an encrypted payload only the phone can read, signed with the server's VAPID key", async () => {
    const phone = newPhone("/ok/phone-1");
    const gone: string[] = [];
    const push = createWebPushProvider({ vapid, lookup: async () => phone.sub, onGone: async (e) => void gone.push(e) });
    const result = await push.send({ id: "3f1c2a4e-0000-4000-8000-000000000001", to: phone.sub.endpoint, subject: "Job offer WO-1", text: "Walk-in freezer, 10:00" });
    expect(result).toEqual({ ok: true, providerId: `${origin}/messages/1` });
    const [req] = received;
    expect(req.path).toBe("/ok/phone-1");
    expect(req.headers["content-encoding"]).toBe("aes128gcm");
    expect(req.headers.ttl).toBe("86400");
    expect(req.body.includes(Buffer.from("Walk-in freezer"))).toBe(false);
    expectVapid(req.headers);
    expect(JSON.parse(decrypt(req.body, phone))).toEqual({ title: "Job offer WO-1", body: "Walk-in freezer, 10:00", url: "/tech" });
    expect(gone).toEqual([]);
  });

  test("a subscription the push service calls gone (410) is removed and the send fails", async () => {
    const phone = newPhone("/gone/phone-2");
    const gone: string[] = [];
    const push = createWebPushProvider({ vapid, lookup: async () => phone.sub, onGone: async (e) => void gone.push(e) });
    const result = await push.send({ id: "3f1c2a4e-0000-4000-8000-000000000002", to: phone.sub.endpoint, subject: null, text: "x" });
    expect(result).toEqual({ ok: false, error: "The push service no longer knows this phone (410); its subscription was removed." });
    expect(gone).toEqual([phone.sub.endpoint]);
  });
});

describe.each(testTargets())("push subscriptions on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
    process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
    await withService(db, (tx) => tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.ali, b.users.technician.userId]));
  });
  afterEach(async () => db?.close());

  test("a technician's phone is kept once, private to them, and removed when the push service says it is gone", async () => {
    const phone = newPhone("/gone/phone-3");
    const tech = b.users.technician;
    await withUser(db, tech, (tx) => savePushSubscription(tx, tech, phone.sub, "test phone"));
    await withUser(db, tech, (tx) => savePushSubscription(tx, tech, phone.sub, "test phone"));
    expect(await withService(db, (tx) => tx.query("select technician_id from public.push_subscriptions where endpoint = $1", [phone.sub.endpoint]))).toEqual([
      { technician_id: b.techs.ali },
    ]);
    // the dispatcher does not read phones' keys
    expect(await withUser(db, b.dispatcher, (tx) => tx.query("select 1 from public.push_subscriptions"))).toEqual([]);
    const provider = technicianPushProvider(async () => db);
    const result = await provider.send({ id: "3f1c2a4e-0000-4000-8000-000000000003", to: phone.sub.endpoint, subject: "Reminder", text: "Next visit at 10:00" });
    expect(result.ok).toBe(false);
    expect(await withService(db, (tx) => tx.query("select 1 from public.push_subscriptions where endpoint = $1", [phone.sub.endpoint]))).toEqual([]);
  });
});
