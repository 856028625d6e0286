import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";
import { exampleOf, referenceOf, schemaRows, webhooksOf, type OpenApiDocument } from "@/lib/api/reference";
import { publicOrigin } from "@/lib/auth/public-url";
import { ApiReference } from "@/components/api-docs/ApiReference";

export const metadata: Metadata = { title: "API reference" };

const API_BASE = "/api/v1";

/**
 * /api/docs — the API reference, rendered here from the same OpenAPI document that
 * /api/v1/openapi.json serves. Open to anyone signed out; nothing leaves the server.
 */
export default async function ApiDocsPage() {
  const doc = openApiDocument(API_BASE) as unknown as OpenApiDocument;
  const tags = referenceOf(doc, `${await publicOrigin()}${API_BASE}`);
  const problem = { $ref: "#/components/schemas/Problem" };
  const problemExample = doc.components?.schemas?.Problem?.examples ? JSON.stringify(exampleOf(problem, doc), null, 2) : null;
  return (
    <ApiReference
      title={doc.info.title}
      version={doc.info.version}
      description={doc.info.description ?? null}
      tags={tags}
      baseUrl={API_BASE}
      webhooks={webhooksOf(doc)}
      problemRows={schemaRows(problem, doc)}
      problemExample={problemExample}
    />
  );
}
