// `npm run bench`: every benchmark in turn (each also runs alone). Figures go to docs/benchmarks.md.
import { run } from "./lib.mjs";

const benches = ["bench:engine", "bench:registry-intake", "bench:registry", "bench:settle", "bench:bulk", "bench:reports"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name} ===`);
  if ((await run(npm, ["run", "--silent", name])) !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
