/**
 * Response headers every page and route gets. The policy allows only this origin;
 * Next.js bootstraps with inline scripts and React sets inline styles, hence
 * 'unsafe-inline' for those two. Framing is refused everywhere (clickjacking).
 * With COOKIE_SECURE=true (served over HTTPS) browsers are also told to use HTTPS only.
 *
 * @example
 * securityHeaders({ COOKIE_SECURE: "true" }).find((h) => h.key === "Strict-Transport-Security")
 */
export function securityHeaders(env: Record<string, string | undefined>): { key: string; value: string }[] {
  const dev = env.NODE_ENV === "development";
  // map tiles come from the configured tile server (NEXT_PUBLIC_MAP_TILE_URL), if any
  const tiles = tileOrigin(env.NEXT_PUBLIC_MAP_TILE_URL);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ].join("; ");
  const headers = [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  if (env.COOKIE_SECURE === "true") headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

/** The origin of a tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png`), for the policy. */
export function tileOrigin(template: string | undefined): string | null {
  if (!template) return null;
  const match = /^(https?):\/\/([^/]+)/i.exec(template.trim());
  if (!match) return null;
  // a {s} subdomain placeholder stands for any subdomain
  const host = match[2].replace(/\{s\}/g, "*");
  if (!/^[a-z0-9*.:-]+$/i.test(host)) return null;
  return `${match[1].toLowerCase()}://${host.toLowerCase()}`;
}
