// Entry of a bench/vrptw.ts solver thread: worker threads do not inherit the
// TypeScript loader of the process that starts them, so register it here.
import { register } from "tsx/esm/api";

register();
await import("./vrptw-worker.ts");
