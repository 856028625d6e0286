import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { signIn } from "@/lib/auth/sign-in";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { CLIENT_FREE_ATTEMPTS, FREE_ATTEMPTS } from "@/lib/auth/throttle";
import { withService } from "@/lib/db/with-user";
import { createCompany, hex, testTargets, type CompanyFixture } from "@/supabase/tests/helpers";
import { scryptSync, randomBytes } from "node:crypto";

const PASSWORD = "walk-in-cooler-42";

describe.each(testTargets())("signing in ($name)", { timeout: 180_000 }, (target) => {
  let db: Db;
  let company: CompanyFixture;
  let hash: string;
  beforeAll(async () => {
    db = await target.open();
    company = await createCompany(db);
    hash = await hashPassword(PASSWORD);
    await withService(db, (tx) => tx.query("update auth.users set encrypted_password = $1 where id = any($2)", [hash, Object.values(company.users).map((u) => u.userId)]));
  });
  afterAll(() => db.close());

  /** The real password check, counted. */
  function countingVerify() {
    const counter = { calls: 0 };
    const verify: typeof verifyPassword = (password, stored) => {
      counter.calls++;
      return verifyPassword(password, stored);
    };
    return { counter, verify };
  }

  test("100 parallel wrong passwords for one address run only the free few password checks", async () => {
    const { counter, verify } = countingVerify();
    const client = { address: `198.51.100.${Math.floor(Math.random() * 200)}` };
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(db, company.users.viewer.email, `wrong-${i}`, { client, verify })));
    expect(counter.calls).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(results.filter((r) => !r.ok && r.code === "throttled").length).toBeGreaterThanOrEqual(100 - FREE_ATTEMPTS);
    // and now even the right password waits
    expect(await signIn(db, company.users.viewer.email, PASSWORD, { client, verify })).toMatchObject({ ok: false, code: "throttled" });
  });

  test("a stranger's guessing does not keep the owner out on a device they signed in from before", async () => {
    const attacker = { address: "203.0.113.66" };
    for (let i = 0; i < FREE_ATTEMPTS + 1; i++) await signIn(db, company.users.dispatcher.email, `guess-${i}`, { client: attacker });
    expect(await signIn(db, company.users.dispatcher.email, PASSWORD, { client: { address: "192.0.2.10" } })).toMatchObject({ code: "throttled" });
    const owner = { address: "192.0.2.10", trustedDeviceId: `device-${hex()}` };
    expect(await signIn(db, company.users.dispatcher.email, PASSWORD, { client: owner })).toMatchObject({ ok: true });
  });

  test("one client address guessing across many accounts is stopped too", async () => {
    const client = { address: `client-${hex()}` };
    let checks = 0;
    // the outcome of each check does not matter here, only how many run
    const verify: typeof verifyPassword = async () => {
      checks++;
      return false;
    };
    for (let i = 0; i < CLIENT_FREE_ATTEMPTS; i++) await signIn(db, `nobody-${i}-${hex()}@example.test`, "guess", { client, verify });
    expect(checks).toBe(CLIENT_FREE_ATTEMPTS);
    expect(await signIn(db, `nobody-last-${hex()}@example.test`, "guess", { client, verify })).toMatchObject({ code: "throttled" });
    expect(checks).toBe(CLIENT_FREE_ATTEMPTS);
  });

  test("successful sign-ins never use up a client address's allowance", async () => {
    const client = { address: `office-${hex()}` };
    await withService(db, (tx) =>
      tx.query("insert into private.sign_in_attempts (throttle_key, failed_count, last_failed_at) values ($1, $2, now())", [`client:${client.address}`, CLIENT_FREE_ATTEMPTS - 1]),
    );
    for (let i = 0; i < 3; i++) expect(await signIn(db, company.users.admin.email, PASSWORD, { client })).toMatchObject({ ok: true });
  });

  test("counters idle for a day are forgotten: nobody stays locked out", async () => {
    const client = { address: `old-${hex()}` };
    await withService(db, (tx) =>
      tx.query("insert into private.sign_in_attempts (throttle_key, failed_count, last_failed_at) values ($1, 40, now() - interval '25 hours')", [`account:${company.users.technician.email}`]),
    );
    expect(await signIn(db, company.users.technician.email, PASSWORD, { client })).toMatchObject({ ok: true });
    const left = await withService(db, (tx) => tx.query("select 1 from private.sign_in_attempts where last_failed_at < now() - interval '1 day'"));
    expect(left).toEqual([]);
  });

  test("an old, cheaper password hash is upgraded at the next sign-in", async () => {
    const salt = randomBytes(16);
    const old = ["scrypt", 16384, 8, 1, salt.toString("base64url"), scryptSync(PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 }).toString("base64url")].join("$");
    const person = company.users.technician;
    await withService(db, (tx) => tx.query("update auth.users set encrypted_password = $1 where id = $2", [old, person.userId]));
    expect(await signIn(db, person.email, PASSWORD, { client: { address: `upgrade-${hex()}` } })).toMatchObject({ ok: true });
    const [{ stored }] = await withService(db, (tx) => tx.query<{ stored: string }>("select encrypted_password as stored from auth.users where id = $1", [person.userId]));
    expect(stored).not.toBe(old);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });
});
