import { z } from "zod";

export const IMPORT_KINDS = ["technicians", "customers", "board", "rules"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The most rows one import file may have; larger files are refused whole, with a message to split them. */
export const MAX_IMPORT_ROWS = 50_000;

/** The largest file the import upload accepts (50,000 rows of a wide board file fit). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The CSV of an upload: there, and no larger than {@link MAX_IMPORT_BYTES}. */
export const ImportCsvSchema = z
  .string({ error: "Choose a file or paste CSV." })
  .refine((s) => s.trim().length > 0, { error: "Choose a file or paste CSV." })
  .refine((s) => new TextEncoder().encode(s).length <= MAX_IMPORT_BYTES, {
    error: `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB); split it into smaller files.`,
  });

/** What an upload to /api/imports asks for (the CSV itself is the request body). */
export const ImportUploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds." }),
  mode: z.enum(["preview", "import"], { error: "Ask for a preview or an import." }),
});
export type ImportUpload = z.infer<typeof ImportUploadSchema>;

/** One line of the /api/imports answer (newline-delimited JSON): progress, then the outcome. */
export type ImportStreamLine<R> =
  | { type: "progress"; phase: "reading" | "checking" | "writing" | "undoing"; done: number; total: number }
  | { type: "result"; data: R }
  | { type: "failure"; error: { code: string; message: string } };
