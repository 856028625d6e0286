/**
 * The session cookie's name: with `COOKIE_SECURE=true` the `__Host-` prefix makes
 * browsers accept it only over HTTPS, for this exact host and path `/`.
 */
export function sessionCookieName(env: Record<string, string | undefined> = process.env): string {
  return env.COOKIE_SECURE === "true" ? "__Host-crewboard_session" : "crewboard_session";
}
