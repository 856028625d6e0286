import { z } from "zod";

export const IMPORT_KINDS = ["technicians", "customers", "board", "rules"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Server actions take at most 1 MB; the CSV must fit with room to spare. */
export const MAX_CSV_CHARS = 900_000;

export const ImportRequestSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds." }),
  csv: z
    .string({ error: "Choose a file or paste CSV." })
    .refine((s) => s.trim().length > 0, { error: "Choose a file or paste CSV." })
    .refine((s) => s.length <= MAX_CSV_CHARS, { error: "The file is too large (at most about 900 KB); split it into smaller files." }),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;
