import "server-only";
import type { z } from "zod";
import { getSession } from "@/lib/auth/session";
import type { SessionContext } from "@/lib/db/accounts";
import { getDb } from "@/lib/db/connection";
import type { Queryable } from "@/lib/db/client";
import { withUser, type Role } from "@/lib/db/with-user";
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

/**
 * The one wrapper every server action goes through:
 * session → role check → schema.safeParse → one withUser transaction → typed result.
 */
export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const session = await getSession();
    if (!session) return fail("unauthenticated", "Your session has ended. Sign in again.");
    if (!def.roles.includes(session.user.role)) {
      return fail("forbidden", `Your role (${session.user.role}) cannot do this.`);
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return fail("validation", "Some fields need attention.", fieldErrors);
    }
    const input = parsed.data as z.infer<S>;
    try {
      const data = await withUser(await getDb(), session.user, (tx) => def.run(input, { session, tx }), {
        auditContext: def.auditContext?.(input),
        tabId: tabIdOf(input),
      });
      return ok(data);
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
