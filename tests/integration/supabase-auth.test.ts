// Supabase Auth through its real client (@supabase/ssr → @supabase/supabase-js) against
// a local server that answers the Supabase Auth endpoints Crewboard uses, with access
// tokens signed exactly as Supabase signs them: HS256 with the project's JWT secret, or
// ES256 with a key the project publishes at /auth/v1/.well-known/jwks.json.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  requestPasswordResetThroughSupabase,
  signInThroughSupabase,
  signOutOfSupabase,
  signUpThroughSupabase,
  supabaseAuthConfig,
  verifySupabaseAccessToken,
  type CookieJar,
  type SupabaseAuthConfig,
} from "@/lib/auth/supabase-auth";
import { signIn } from "@/lib/auth/sign-in";
import type { Db } from "@/lib/db/client";
import { createCompanyWithAdmin } from "@/lib/db/signup";
import { withService } from "@/lib/db/with-user";
import { createCompany, hex, testTargets } from "@/supabase/tests/helpers";
import { ANON_KEY, FakeSupabaseAuth, JWT_SECRET } from "@/tests/supabase-auth-server";

/** A cookie jar standing in for the request's cookies. */
function jar(): CookieJar & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  return {
    cookies,
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    setAll: (list) => {
      for (const c of list) {
        if (c.value === "" || c.options?.maxAge === 0) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
    },
  };
}

const fake = new FakeSupabaseAuth();
let config: SupabaseAuthConfig;
beforeAll(async () => {
  await fake.start();
  config = supabaseAuthConfig({ SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: ANON_KEY, SUPABASE_JWT_SECRET: JWT_SECRET })!;
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.signing = "HS256";
  fake.confirmEmails = false;
  fake.down = false;
});

describe("the Supabase Auth setting", () => {
  test("is off without SUPABASE_URL and SUPABASE_ANON_KEY, and a half-made setting is refused", () => {
    expect(supabaseAuthConfig({})).toBeNull();
    expect(() => supabaseAuthConfig({ SUPABASE_URL: "https://abcd.supabase.co" })).toThrow("needs both SUPABASE_URL and SUPABASE_ANON_KEY");
    expect(() => supabaseAuthConfig({ SUPABASE_URL: "abcd", SUPABASE_ANON_KEY: "k" })).toThrow("SUPABASE_URL is not a URL");
    expect(() => supabaseAuthConfig({ SUPABASE_URL: "https://abcd.supabase.co", SUPABASE_ANON_KEY: "k", SUPABASE_JWT_SECRET: "short" })).toThrow("shorter than 32");
    expect(supabaseAuthConfig({ SUPABASE_URL: "https://abcd.supabase.co/", SUPABASE_ANON_KEY: "k" })).toEqual({ url: "https://abcd.supabase.co", anonKey: "k", jwtSecret: null });
  });
});

describe("verifying a Supabase access token", () => {
  const person = { id: randomUUID(), email: "rosa@example.test" };

  test.each(["HS256", "ES256"] as const)("a token signed with %s is accepted and names the person", async (alg) => {
    const token = await fake.token(person, { alg });
    expect(await verifySupabaseAccessToken(token, config)).toMatchObject({ userId: person.id, email: person.email });
  });

  test("an expired token is refused", async () => {
    const token = await fake.token(person, { expiresIn: -120 });
    await expect(verifySupabaseAccessToken(token, config)).rejects.toThrow("The access token has expired.");
  });

  test.each(["HS256", "ES256"] as const)("a tampered %s token is refused", async (alg) => {
    const [head, body, signature] = (await fake.token(person, { alg })).split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString("base64url");
    await expect(verifySupabaseAccessToken(`${head}.${forged}.${signature}`, config)).rejects.toThrow("signature does not match");
  });

  test("a token signed with another secret, for another project or audience, or for the anon role is refused", async () => {
    const other = supabaseAuthConfig({ SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: ANON_KEY, SUPABASE_JWT_SECRET: "another-projects-secret-that-is-also-long-enough" })!;
    await expect(verifySupabaseAccessToken(await fake.token(person), other)).rejects.toThrow("signature does not match");
    await expect(verifySupabaseAccessToken(await fake.token(person, { iss: "https://other.supabase.co/auth/v1" }), config)).rejects.toThrow("iss claim");
    await expect(verifySupabaseAccessToken(await fake.token(person, { aud: "somebody-else" }), config)).rejects.toThrow("aud claim");
    await expect(verifySupabaseAccessToken(await fake.token(person, { role: "anon" }), config)).rejects.toThrow('"anon" role');
  });

  test("an HS256 token without the project's secret configured, and an unsigned token, are refused", async () => {
    const noSecret = supabaseAuthConfig({ SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: ANON_KEY })!;
    await expect(verifySupabaseAccessToken(await fake.token(person), noSecret)).rejects.toThrow("SUPABASE_JWT_SECRET is not set");
    const [, body] = (await fake.token(person)).split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${body}.`;
    await expect(verifySupabaseAccessToken(none, config)).rejects.toThrow("algorithm (none)");
    await expect(verifySupabaseAccessToken("not-a-token", config)).rejects.toThrow("not a JWT");
  });
});

describe("the Supabase Auth client calls", () => {
  test("sign-in sends the anon key, keeps the session in cookies and verifies the token; sign-out ends it at Supabase", async () => {
    const email = `ana-${hex()}@example.test`;
    fake.users.set(email, { id: randomUUID(), email, password: "cold-room-7", confirmed: true });
    fake.signing = "ES256";
    const cookies = jar();
    const check = await signInThroughSupabase(config, cookies, email, "cold-room-7");
    expect(check).toMatchObject({ ok: true, token: { userId: fake.users.get(email)!.id, email } });
    expect(fake.calls[0]).toMatchObject({ method: "POST", path: "/auth/v1/token?grant_type=password", apikey: ANON_KEY, body: { email, password: "cold-room-7" } });
    expect(cookies.cookies.size).toBeGreaterThan(0);

    await signOutOfSupabase(config, cookies);
    expect(fake.calls.at(-1)).toMatchObject({ method: "POST", path: "/auth/v1/logout?scope=local" });
    expect(fake.calls.at(-1)!.authorization).toMatch(/^Bearer ey/);
    expect(cookies.cookies.size).toBe(0);
  });

  test("a wrong password, an unconfirmed address and a service that is down each get their own words", async () => {
    const email = `ben-${hex()}@example.test`;
    fake.users.set(email, { id: randomUUID(), email, password: "right", confirmed: true });
    expect(await signInThroughSupabase(config, jar(), email, "wrong")).toEqual({ ok: false, code: "invalid_credentials", message: "Email or password is incorrect." });
    const unconfirmed = `cy-${hex()}@example.test`;
    fake.users.set(unconfirmed, { id: randomUUID(), email: unconfirmed, password: "pw", confirmed: false });
    expect(await signInThroughSupabase(config, jar(), unconfirmed, "pw")).toMatchObject({ ok: false, code: "unconfirmed" });
    fake.down = true;
    expect(await signInThroughSupabase(config, jar(), email, "right")).toMatchObject({ ok: false, code: "unavailable" });
  });

  test("sign-up creates the Supabase account, or says the address has one; with confirmations on it is not signed in yet", async () => {
    const email = `dee-${hex()}@example.test`;
    const made = await signUpThroughSupabase(config, jar(), email, "first-pass-1", "Dee");
    expect(made).toEqual({ ok: true, userId: fake.users.get(email)!.id, email, signedIn: true });
    expect(fake.calls.map((c) => c.path)).toEqual(["/auth/v1/token?grant_type=password", "/auth/v1/signup"]);
    // the same address with its password: signed in, nothing new created
    expect(await signUpThroughSupabase(config, jar(), email, "first-pass-1", "Dee")).toEqual(made);
    expect(await signUpThroughSupabase(config, jar(), email, "not-the-password", "Dee")).toMatchObject({ ok: false, code: "exists" });

    fake.confirmEmails = true;
    const later = `eve-${hex()}@example.test`;
    expect(await signUpThroughSupabase(config, jar(), later, "pw-123456", "Eve")).toEqual({ ok: true, userId: fake.users.get(later)!.id, email: later, signedIn: false });
    expect(await signUpThroughSupabase(config, jar(), later, "another-pw", "Eve")).toMatchObject({ ok: false, code: "exists" });
  });

  test("a password reset is asked of Supabase, which sends the email", async () => {
    await requestPasswordResetThroughSupabase(config, jar(), "fay@example.test", "https://crew.example.com/auth/confirm");
    expect(fake.calls[0]).toMatchObject({ method: "POST", path: expect.stringMatching(/^\/auth\/v1\/recover/), body: { email: "fay@example.test" } });
  });
});

describe.each(testTargets())("signing in to Crewboard through Supabase Auth ($name)", { timeout: 180_000 }, (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db.close());

  test("a Supabase user whose id is a Crewboard account signs in to their company with their role", async () => {
    const company = await createCompany(db);
    const dispatcher = company.users.dispatcher;
    fake.users.set(dispatcher.email, { id: dispatcher.userId, email: dispatcher.email, password: "supabase-pass", confirmed: true });
    const result = await signIn(db, dispatcher.email, "supabase-pass", { client: { address: `198.51.100.${hex(1)}` }, supabase: { config, jar: jar() } });
    expect(result).toEqual({ ok: true, userId: dispatcher.userId, orgId: company.orgId, role: "dispatcher" });
    // the local password never counts while Supabase Auth is on
    expect(await signIn(db, dispatcher.email, "wrong", { supabase: { config, jar: jar() } })).toMatchObject({ ok: false, code: "invalid_credentials" });
  });

  test("an existing Crewboard account with the same address is linked once to its Supabase user", async () => {
    const company = await createCompany(db);
    const viewer = company.users.viewer;
    const supabaseId = randomUUID();
    fake.users.set(viewer.email, { id: supabaseId, email: viewer.email, password: "pw-viewer-1", confirmed: true });
    expect(await signIn(db, viewer.email, "pw-viewer-1", { supabase: { config, jar: jar() } })).toMatchObject({ ok: true, userId: viewer.userId, role: "viewer" });
    const links = await withService(db, (tx) => tx.query<{ user_id: string }>("select user_id from private.auth_identities where provider = 'supabase' and subject = $1", [supabaseId]));
    expect(links).toEqual([{ user_id: viewer.userId }]);
  });

  test("a Supabase user with no Crewboard account is told to ask for access", async () => {
    const email = `stranger-${hex()}@example.test`;
    fake.users.set(email, { id: randomUUID(), email, password: "pw-stranger", confirmed: true });
    expect(await signIn(db, email, "pw-stranger", { supabase: { config, jar: jar() } })).toMatchObject({ ok: false, code: "no_company" });
  });

  test("a company created through Supabase Auth makes its admin's profile the Supabase user", async () => {
    const email = `founder-${hex()}@example.test`;
    const account = await signUpThroughSupabase(config, jar(), email, "founder-pass-1", "Fran Founder");
    if (!account.ok) throw new Error(account.message);
    const outcome = await createCompanyWithAdmin(
      db,
      { companyName: `Founders ${hex()}`, timeZone: "America/Chicago", fullName: "Fran Founder", email },
      null,
      { onlyIfEmpty: false, existingPasswordOk: async () => false, externalUserId: account.userId },
    );
    expect(outcome).toMatchObject({ ok: true, userId: account.userId });
    const result = await signIn(db, email, "founder-pass-1", { supabase: { config, jar: jar() } });
    expect(result).toMatchObject({ ok: true, userId: account.userId, role: "admin" });
  });
});
