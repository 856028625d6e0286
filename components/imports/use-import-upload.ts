"use client";

import { useCallback, useState } from "react";
import type { CsvImportResult } from "@/lib/db/import-run";
import type { ImportKind, ImportStreamLine } from "@/lib/schemas/imports";

export type ImportProgressLine = Extract<ImportStreamLine<CsvImportResult>, { type: "progress" }>;

export type UploadOutcome = { ok: true; data: CsvImportResult } | { ok: false; message: string };

/** Reads newline-delimited JSON lines from a streamed answer as they arrive. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
    }
  }
  if (buffered.trim()) yield buffered;
}

/**
 * Sends a file to /api/imports for a preview or an import and follows its
 * progress (reading, checking, writing) until the outcome arrives.
 */
export function useImportUpload() {
  const [progress, setProgress] = useState<ImportProgressLine | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);

  const upload = useCallback(async (kind: ImportKind, mode: "preview" | "import", csv: string): Promise<UploadOutcome> => {
    setBusy(mode);
    setProgress(null);
    try {
      const res = await fetch(`/api/imports?kind=${kind}&mode=${mode}`, { method: "POST", headers: { "content-type": "text/csv; charset=utf-8" }, body: csv });
      if (!res.ok || !res.body) return { ok: false, message: (await res.text()) || `The server refused the file (${res.status}).` };
      for await (const text of lines(res.body)) {
        const line = JSON.parse(text) as ImportStreamLine<CsvImportResult>;
        if (line.type === "progress") setProgress(line);
        else if (line.type === "result") return { ok: true, data: line.data };
        else return { ok: false, message: line.error.message };
      }
      return { ok: false, message: "The connection closed before the import finished; preview again to see what is in place." };
    } catch {
      return { ok: false, message: "Crewboard could not be reached; check the connection and try again." };
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }, []);

  return { upload, progress, busy };
}

const PHASE: Record<ImportProgressLine["phase"], string> = {
  reading: "Reading rows",
  checking: "Checking rows",
  writing: "Writing rows",
  undoing: "Putting back what was written",
};

/** "Writing rows: 12,000 of 20,000" */
export function progressLabel(p: ImportProgressLine): string {
  return `${PHASE[p.phase]}: ${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")}`;
}
