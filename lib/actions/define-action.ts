import "server-only";
import type { z } from "zod";
import { getSessionToken } from "@/lib/auth/session";
import type { SessionContext } from "@/lib/db/accounts";
import { getDb } from "@/lib/db/connection";
import type { Queryable } from "@/lib/db/client";
import { withSessionUser } from "@/lib/db/sessions";
import type { Role } from "@/lib/db/with-user";
import { ActionFailure, fail, ok, type ActionResult } from "@/lib/actions/result";

export interface ActionContext {
  session: SessionContext;
  tx: Queryable;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Roles allowed to call the action; the database's policies check again. */
  roles: readonly Role[];
  schema: S;
  /** Recorded on every audit row the action's transaction writes. */
  auditContext?: (input: z.infer<S>) => Record<string, unknown> | undefined;
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<T>;
}

/** Postgres error codes that mean "the person did something the rules refuse". */
const REFUSALS: Record<string, ActionResult<never>> = {
  "42501": fail("forbidden", "You do not have permission to make this change."),
  "23505": fail("conflict", "That already exists."),
  "23503": fail("refused", "That refers to something that does not exist in your company."),
  "23514": fail("refused", "That change breaks a rule of the schedule."),
};

/** The browser tab an input names (board changes carry one; see TabId in lib/schemas/board). */
function tabIdOf(input: unknown): string | undefined {
  const tabId = input !== null && typeof input === "object" ? (input as { tabId?: unknown }).tabId : undefined;
  return typeof tabId === "string" ? tabId : undefined;
}

const SIGNED_OUT = fail("unauthenticated", "Your session has ended. Sign in again.");

/** Each field's messages under its path ("_" for the input as a whole). */
function validationFailure(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fail("validation", "Some fields need attention.", fieldErrors);
}

/**
 * The one wrapper every server action goes through:
 * session → role check → schema.safeParse → one withUser transaction → typed result.
 * The session and membership are read in the action's own transaction, by its first
 * statement, not in a round trip before it.
 */
export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const token = await getSessionToken();
    if (!token) return SIGNED_OUT;
    const parsed = def.schema.safeParse(raw);
    const input = parsed.success ? (parsed.data as z.infer<S>) : undefined;
    try {
      const done = await withSessionUser(
        await getDb(),
        token,
        async (session, tx): Promise<ActionResult<T>> => {
          if (!def.roles.includes(session.user.role)) return fail("forbidden", `Your role (${session.user.role}) cannot do this.`);
          if (!parsed.success) return validationFailure(parsed.error);
          return ok(await def.run(input as z.infer<S>, { session, tx }));
        },
        { auditContext: input === undefined ? undefined : def.auditContext?.(input), tabId: tabIdOf(input) },
      );
      return done ? done.value : SIGNED_OUT;
    } catch (err) {
      if (err instanceof ActionFailure) return fail(err.code, err.message, err.fieldErrors);
      const code = (err as { code?: string }).code;
      if (code === "23502") {
        const column = (err as { column?: string }).column;
        return fail("refused", column ? `A value is missing: ${column.replace(/_/g, " ")}.` : "A required value is missing.");
      }
      if (code && REFUSALS[code]) {
        const detail = (err as { message?: string }).message;
        const base = REFUSALS[code];
        return base.ok ? base : fail(base.error.code, code === "23514" && detail ? detail : base.error.message);
      }
      throw err;
    }
  };
}
