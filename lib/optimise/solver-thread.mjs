// Entry of a route-optimiser thread (see run-solver.ts): worker threads do not
// inherit the TypeScript loader or the bundler of the process that starts them,
// so register the loader here and run the solver from its source.
import { register } from "tsx/esm/api";

register();
await import("./solver-worker.ts");
