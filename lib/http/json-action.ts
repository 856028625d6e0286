import "server-only";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { securityHeaders } from "@/lib/http/security-headers";

/** The HTTP status that goes with each kind of refusal (the body says it in words). */
const STATUS: Record<ActionError["code"], number> = {
  validation: 422,
  refused: 422,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  not_found: 404,
  throttled: 429,
};

/** Every page's security headers (the proxy, which sets them elsewhere, does not run for the board's calls). */
const HEADERS = securityHeaders(process.env).map(({ key, value }) => [key, value] as [string, string]);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: [["content-type", "application/json; charset=utf-8"], ["cache-control", "no-store"], ...HEADERS],
  });

/**
 * True when the request comes from a page of this origin: browsers send `Origin`
 * with every cross-site POST, so another site cannot make a signed-in dispatcher's
 * browser change the board.
 */
export function fromOwnPages(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Answers a route with what an action returned, as JSON: the same `ActionResult`
 * a server action gives, with a status to match. The board's own calls go through
 * routes rather than server actions because server actions run one at a time per
 * page: a drag would wait behind a large board being loaded.
 *
 * @example
 * export const POST = (request: Request) => answerAction(request, () => placeJobAction(body));
 */
export async function answerAction<T>(run: () => Promise<ActionResult<T>>): Promise<Response> {
  try {
    const result = await run();
    return json(result.ok ? 200 : STATUS[result.error.code], result);
  } catch (err) {
    console.error("board call failed", err);
    const body: ActionResult<never> = {
      ok: false,
      error: { code: "refused", message: "Something went wrong on the server and nothing was saved. Try again; if it keeps happening, reload the board." },
    };
    return json(500, body);
  }
}

/** A refusal before the action runs (wrong origin, unreadable body). */
export function refuse(status: number, code: ActionError["code"], message: string): Response {
  const body: ActionResult<never> = { ok: false, error: { code, message } };
  return json(status, body);
}

/** The request's JSON body as an object, or null when it is not one. */
export async function jsonBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
