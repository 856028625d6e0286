/**
 * Who may create a company:
 * - `first-run` (default): only the first visitor of an empty database; closed after;
 * - `open` (`CREWBOARD_SIGNUP=open`): anyone, each company isolated by row-level security.
 */
export type SignupMode = "first-run" | "open";

export function signupMode(env: Record<string, string | undefined> = process.env): SignupMode {
  return env.CREWBOARD_SIGNUP === "open" ? "open" : "first-run";
}
