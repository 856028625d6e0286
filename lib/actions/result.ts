/** What every server action returns: expected failures are values, not exceptions. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError };

export interface ActionError {
  code: "validation" | "forbidden" | "unauthenticated" | "conflict" | "not_found" | "refused" | "throttled";
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: ActionError["code"], message: string, fieldErrors?: Record<string, string[]>): ActionResult<never> {
  return { ok: false, error: { code, message, fieldErrors } };
}

/** A failure a business rule raises deep inside a transaction, returned to the person as is. */
export class ActionFailure extends Error {
  constructor(
    readonly code: ActionError["code"],
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
