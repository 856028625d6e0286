// Supabase Auth through its real client (@supabase/ssr → @supabase/supabase-js) against
// a local server that answers the Supabase Auth endpoints Crewboard uses, with access
// tokens signed exactly as Supabase signs them: HS256 with the project's JWT secret, or
// ES256 with a key the project publishes at /auth/v1/.well-known/jwks.json.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";
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

const JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
const ANON_KEY = "anon-key-for-tests";

interface FakeUser {
  id: string;
  email: string;
  password: string;
  confirmed: boolean;
}

/** A stand-in for a Supabase project's Auth server (GoTrue), signing like Supabase. */
class FakeSupabaseAuth {
  url = "";
  readonly users = new Map<string, FakeUser>();
  readonly calls: { method: string; path: string; apikey: string | null; authorization: string | null; body: Record<string, unknown> }[] = [];
  /** How new tokens are signed. */
  signing: "HS256" | "ES256" = "HS256";
  /** Confirmation emails on: sign-up returns a user but no session. */
  confirmEmails = false;
  down = false;
  private server!: Server;
  private es!: { privateKey: CryptoKey; jwk: JWK };

  async start(): Promise<void> {
    const pair = await generateKeyPair("ES256", { extractable: true });
    this.es = { privateKey: pair.privateKey as CryptoKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: "test-key-1", alg: "ES256", use: "sig" } };
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, json }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(status === 204 ? undefined : JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** An access token as Supabase Auth issues it. */
  async token(user: { id: string; email: string }, options: { alg?: "HS256" | "ES256"; expiresIn?: number; iss?: string; aud?: string; role?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const alg = options.alg ?? this.signing;
    const jwt = new SignJWT({
      email: user.email,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { email: user.email, email_verified: true },
      role: options.role ?? "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: now }],
      session_id: randomUUID(),
      is_anonymous: false,
    })
      .setProtectedHeader(alg === "HS256" ? { alg, typ: "JWT" } : { alg, kid: "test-key-1", typ: "JWT" })
      .setIssuer(options.iss ?? `${this.url}/auth/v1`)
      .setSubject(user.id)
      .setAudience(options.aud ?? "authenticated")
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 3600));
    return alg === "HS256" ? jwt.sign(new TextEncoder().encode(JWT_SECRET)) : jwt.sign(this.es.privateKey);
  }

  private userJson(u: FakeUser) {
    return {
      id: u.id,
      aud: "authenticated",
      role: "authenticated",
      email: u.email,
      email_confirmed_at: u.confirmed ? new Date().toISOString() : null,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: {},
      identities: [{ id: u.id, user_id: u.id, provider: "email", identity_data: { email: u.email, sub: u.id } }],
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };
  }

  private async session(u: FakeUser) {
    return {
      access_token: await this.token(u),
      token_type: "bearer",
      expires_in: 3600,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      refresh_token: hex(12),
      user: this.userJson(u),
    };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; json: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? "/", this.url);
    this.calls.push({ method: req.method ?? "", path: url.pathname + url.search, apikey: req.headers.apikey as string | null, authorization: req.headers.authorization ?? null, body });
    if (this.down) return { status: 503, json: { code: 503, error_code: "unexpected_failure", msg: "Service Unavailable" } };
    const error = (status: number, code: string, msg: string) => ({ status, json: { code: status, error_code: code, msg } });
    if (url.pathname === "/auth/v1/.well-known/jwks.json") return { status: 200, json: { keys: [this.es.jwk] } };
    if (req.headers.apikey !== ANON_KEY) return error(401, "no_authorization", "Invalid API key");
    if (url.pathname === "/auth/v1/token" && url.searchParams.get("grant_type") === "password") {
      const u = this.users.get(String(body.email).toLowerCase());
      if (!u || u.password !== body.password) return error(400, "invalid_credentials", "Invalid login credentials");
      if (!u.confirmed) return error(400, "email_not_confirmed", "Email not confirmed");
      return { status: 200, json: await this.session(u) };
    }
    if (url.pathname === "/auth/v1/signup") {
      const email = String(body.email).toLowerCase();
      const existing = this.users.get(email);
      if (existing) {
        // with confirmations on, Supabase answers as if it worked, with no identities
        if (this.confirmEmails) return { status: 200, json: { ...this.userJson(existing), identities: [] } };
        return error(422, "user_already_exists", "User already registered");
      }
      const u: FakeUser = { id: randomUUID(), email, password: String(body.password), confirmed: !this.confirmEmails };
      this.users.set(email, u);
      return { status: 200, json: this.confirmEmails ? this.userJson(u) : await this.session(u) };
    }
    if (url.pathname === "/auth/v1/logout") return { status: 204, json: null };
    if (url.pathname === "/auth/v1/recover") return { status: 200, json: {} };
    return error(404, "not_found", `No route ${url.pathname}`);
  }
}

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
