/**
 * Whether `npm start` fills an empty database with the demo companies. The embedded
 * default does (try-it-out installs); a server database (`DATABASE_URL`) only when asked
 * with `CREWBOARD_DEMO=true` or `npm start -- --demo`, so a production database never
 * gets demo logins with a published password.
 *
 * @example
 * demoDataWanted({ DATABASE_URL: "postgres://db/crew" }, []) // false
 */
export function demoDataWanted(env: Record<string, string | undefined>, argv: readonly string[]): boolean {
  if (argv.includes("--demo") || env.CREWBOARD_DEMO === "true") return true;
  if (env.CREWBOARD_DEMO === "false") return false;
  return !env.DATABASE_URL;
}
