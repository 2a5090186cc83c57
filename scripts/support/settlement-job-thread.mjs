// The worker entry of run-jobs-in-threads.ts. Node 20 applies no `--import tsx` loader hooks
// to a worker's modules, so the entry registers tsx (and the `server-only` stub scripts use)
// itself before importing the TypeScript thread.
import { register } from "tsx/esm/api";

register();
await import("./allow-server-only.mjs");
await import("./settlement-job-thread.ts");
