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
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
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
