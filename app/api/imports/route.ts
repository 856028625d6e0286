import { getSession, hasRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { textResponse } from "@/lib/csv/csv-response";
import { getDb } from "@/lib/db/connection";
import { importCsv, type CsvImportResult } from "@/lib/db/import-run";
import { ImportCsvSchema, ImportUploadSchema, MAX_IMPORT_BYTES, type ImportStreamLine } from "@/lib/schemas/imports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/imports?kind=customers&mode=preview|import, the CSV as the body.
 * Answers in newline-delimited JSON: progress lines while the file is read,
 * checked and written, then the outcome. A route rather than a server action
 * because files run to many megabytes (server actions take one) and progress
 * streams. Same checks as every action: session, role, schema; the database's
 * policies check again.
 */
export async function POST(request: Request): Promise<Response> {
  // a page of another site may not post files with this person's cookie
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return textResponse(403, "Imports are accepted from Crewboard's own pages only.");
  const session = await getSession();
  if (!session) return textResponse(401, "Your session has ended. Sign in again.");
  if (!hasRole(session, ["admin", "dispatcher"])) return textResponse(403, `Your role (${session.user.role}) cannot import files.`);
  const params = ImportUploadSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return textResponse(400, params.error.issues[0].message);
  if (params.data.kind === "rules" && session.user.role !== "admin") return textResponse(403, "Only administrators can import priority and SLA rules.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    return textResponse(413, `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB); split it into smaller files.`);
  }
  const csv = ImportCsvSchema.safeParse(await request.text());
  if (!csv.success) return textResponse(400, csv.error.issues[0].message);

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportStreamLine<CsvImportResult>) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let last = 0;
      try {
        const data = await importCsv(await getDb(), session.user, params.data.kind, csv.data, {
          dryRun: params.data.mode === "preview",
          now: now(),
          timeZone: session.company.timeZone,
          onProgress: (p) => {
            // a few updates a second are plenty for a progress bar
            const t = Date.now();
            if (t - last < 100 && p.done < p.total) return;
            last = t;
            send({ type: "progress", ...p });
          },
        });
        send({ type: "result", data });
      } catch (err) {
        console.error("import failed", err);
        send({ type: "failure", error: { code: "unexpected", message: "The import failed unexpectedly; nothing was kept. Try again, or split the file." } });
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
