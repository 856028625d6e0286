import type { PGlite } from "@electric-sql/pglite";
import type { Sql, TransactionSql } from "postgres";
import { lockDataFolder } from "@/lib/db/data-lock";

/** A query runner bound to one transaction (or, for `Db.query`, to autocommit). */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, tests). */
  exec(script: string): Promise<void>;
}

/** The one database handle the app uses: PGlite in-process or a Postgres server. */
export interface Db extends Queryable {
  readonly kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `fn` for every NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface PgliteOptions {
  /** A folder to persist to; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball from `dumpDataDir` to start from (test templates). */
  loadDataDir?: Blob | File;
}

/** Opens PGlite. Keep ONE instance per data folder: two instances on one folder lose writes. */
export async function openPglite(options: PgliteOptions = {}): Promise<Db & { pg: PGlite }> {
  // one process per folder: a second opener fails at once (see data-lock.ts)
  const release = options.dataDir ? lockDataFolder(options.dataDir) : () => {};
  const { PGlite } = await import("@electric-sql/pglite");
  // pg_trgm backs customer and job search (trigram indexes); a server Postgres ships it as contrib.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm },
    });
  } catch (err) {
    release();
    throw err;
  }
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T>(text: string, params?: unknown[]) {
      const res = await q.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(script: string) {
      await q.exec(script);
    },
  });
  const base = wrap(pg);
  return {
    kind: "pglite",
    pg,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, fn) {
      const unsub = await pg.listen(channel, fn);
      return async () => unsub();
    },
    close: async () => {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}

/** Connects to a Postgres server (`postgres://…`) through postgres.js. */
export async function openPostgres(url: string, options: { max?: number; prepare?: boolean } = {}): Promise<Db & { sql: Sql }> {
  const { default: postgres } = await import("postgres");
  // DATABASE_PREPARE=false for a connection pooler that cannot keep prepared statements
  const prepare = options.prepare ?? process.env.DATABASE_PREPARE !== "false";
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // As PGlite does: a string passed for a json/jsonb parameter is already JSON.
    types: {
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === "string" ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x),
      },
    },
    transform: { undefined: null },
  });
  const wrap = (q: Sql | TransactionSql): Queryable => ({
    async query<T>(text: string, params?: unknown[]) {
      // a statement with parameters is prepared once per connection and reused: the
      // server parses and plans it once instead of on every call (text without
      // parameters may carry values, so it is not kept)
      const rows = await q.unsafe(text, (params ?? []) as never[], { prepare: prepare && params !== undefined && params.length > 0 });
      return rows as unknown as T[];
    },
    async exec(script: string) {
      // without parameters postgres.js uses the simple protocol: several statements are fine
      await q.unsafe(script);
    },
  });
  const base = wrap(sql);
  return {
    kind: "postgres",
    sql,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => sql.begin((tx) => fn(wrap(tx))) as Promise<never>,
    async listen(channel, fn) {
      const sub = await sql.listen(channel, fn);
      return async () => sub.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
