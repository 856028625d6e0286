import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/cookie-name";
import { securityHeaders } from "@/lib/http/security-headers";

/** Paths anyone may open without a session (each page still checks what it shows). */
const PUBLIC_PREFIXES = ["/login", "/auth/confirm", "/signup", "/invite/", "/forgot-password", "/reset-password/", "/api/", "/portal/", "/request/", "/track/", "/sw.js", "/manifest.webmanifest", "/icons/"];

const isPublic = (pathname: string) => PUBLIC_PREFIXES.some((p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p));

// Sets the security headers on every response, and redirects visitors without a
// session cookie to sign-in. Every page and action still verifies the session itself;
// the redirect only saves a round trip.
export function proxy(request: NextRequest) {
  let response: NextResponse;
  if (!isPublic(request.nextUrl.pathname) && !request.cookies.has(sessionCookieName())) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.next();
  }
  for (const { key, value } of securityHeaders(process.env)) response.headers.set(key, value);
  return response;
}

export const config = {
  // The board's own JSON calls (a drag's change, the lanes and patches it reads) skip
  // the proxy: they need no redirect, set the same headers themselves
  // (lib/http/json-action), and the proxy's turn costs each about 4 ms a drag waits on.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/board/changes|api/board/day).*)"],
};
