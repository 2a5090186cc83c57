// Scripts and benchmarks run the app's server code outside Next.js, where `server-only`
// would throw: resolve it to an empty module (the vitest config does the same for tests).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export{}", shortCircuit: true } : next(specifier, context); }',
    ),
  import.meta.url,
);
