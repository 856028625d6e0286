import { openApiDocument } from "@/lib/api/openapi";

export const runtime = "nodejs";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the REST API. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "no-cache", "access-control-allow-origin": "*" } });
}
