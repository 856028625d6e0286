"use server";

import { defineAction, type ActionContext } from "@/lib/actions/define-action";
import { ActionFailure } from "@/lib/actions/result";
import { importCsv } from "@/lib/db/imports";
import { ImportRequestSchema, type ImportRequest } from "@/lib/schemas/imports";
import { now } from "@/lib/clock";

const EDITORS = ["admin", "dispatcher"] as const;

function runImport(input: ImportRequest, { session, tx }: ActionContext, dryRun: boolean) {
  if (input.kind === "rules" && session.user.role !== "admin") {
    throw new ActionFailure("forbidden", "Only administrators can import priority and SLA rules.");
  }
  return importCsv(tx, session.user, input.kind, input.csv, { dryRun, now: now(), timeZone: session.company.timeZone });
}

/** Reads the file and runs the import in a transaction that is rolled back: what would change, and every problem. */
export const previewImportAction = defineAction({
  roles: EDITORS,
  schema: ImportRequestSchema,
  run: (input, ctx) => runImport(input, ctx, true),
});

/** Imports the file all or nothing: any problem and nothing is kept (the result lists the problems). */
export const importFileAction = defineAction({
  roles: EDITORS,
  schema: ImportRequestSchema,
  auditContext: () => ({ source: "import" }),
  run: (input, ctx) => runImport(input, ctx, false),
});
