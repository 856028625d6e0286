import { NextResponse, type NextRequest } from "next/server";

// A quick redirect for visitors without a session cookie. Every page and action
// still verifies the signed session itself; this only saves a round trip.
export function proxy(request: NextRequest) {
  if (!request.cookies.has("crewboard_session")) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // the customer portal (/request, /track) and the API are public
  matcher: ["/((?!login|_next/|favicon.ico|api/|portal/|request/|track/|sw.js|manifest.webmanifest|icons/).*)"],
};
