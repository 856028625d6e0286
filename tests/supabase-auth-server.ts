// A stand-in for a Supabase project's Auth server (GoTrue) on 127.0.0.1, answering the
// endpoints Crewboard calls through @supabase/supabase-js, with access tokens signed
// exactly as Supabase signs them: HS256 with the project's JWT secret, or ES256 with a
// key the project publishes at /auth/v1/.well-known/jwks.json. Used by the integration
// tests (in-process) and the browser tests (a Crewboard server pointed at it).
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";

export const JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
export const ANON_KEY = "anon-key-for-tests";

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  confirmed: boolean;
}

/** How the next sessions' access tokens come out: as Supabase signs them, or spoiled. */
export type TokenFault = "none" | "expired" | "tampered";

export class FakeSupabaseAuth {
  url = "";
  readonly users = new Map<string, FakeUser>();
  readonly calls: { method: string; path: string; apikey: string | null; authorization: string | null; body: Record<string, unknown> }[] = [];
  /** How new tokens are signed. */
  signing: "HS256" | "ES256" = "HS256";
  /** Confirmation emails on: sign-up returns a user but no session. */
  confirmEmails = false;
  down = false;
  /** Sessions handed out carry an expired token, or one whose payload was altered after signing. */
  fault: TokenFault = "none";
  private server!: Server;
  private es!: { privateKey: CryptoKey; jwk: JWK };

  /** Listens on 127.0.0.1 (`port` 0: any free port). */
  async start(port = 0): Promise<void> {
    const pair = await generateKeyPair("ES256", { extractable: true });
    this.es = { privateKey: pair.privateKey as CryptoKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: "test-key-1", alg: "ES256", use: "sig" } };
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, json }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(status === 204 ? undefined : JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", resolve);
    });
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

  /** The token a session carries, spoiled as {@link fault} says. */
  private async sessionToken(u: FakeUser): Promise<string> {
    if (this.fault === "expired") return this.token(u, { expiresIn: -600 });
    const token = await this.token(u);
    if (this.fault === "none") return token;
    // the payload rewritten to name somebody else after signing, the signature kept
    const [head, body, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID(), role: "service_role" })).toString("base64url");
    return `${head}.${altered}.${signature}`;
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
      access_token: await this.sessionToken(u),
      token_type: "bearer",
      expires_in: 3600,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      refresh_token: randomBytes(12).toString("hex"),
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
