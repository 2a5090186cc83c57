// `npm run db:migrate`: applies the committed migrations (and reference data) to DATABASE_URL,
// or to the embedded database under DATA_DIR. Never run it beside a server that has the
// same PGlite directory open (PGlite is single-process; stack-notes trap 1).
import path from "node:path";
import { prepareDatabase } from "@/db";
import { readEnv } from "@/lib/env";

const env = readEnv();
const handle = await prepareDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR, "pglite") });
console.log(`migrated (${handle.kind})`);
await handle.close();
