/**
 * Command line (settlement-contract.md "Entry points"):
 *   npm run --silent settle < request.json            one request or an array of requests
 *   npm run --silent settle -- --subsidy < req.json   premium-subsidy requests
 *   npm run --silent settle -- --no-trace < req.json  omit the explanation steps (bulk runs)
 * Prints the result (or an array of results, in order) as JSON on stdout. A bad element prints
 * {"error": {...}} in its place; the exit status is 1 when any element failed. Arrays are
 * written in chunks so that 10,000 results never sit in memory at once.
 */
import { errorBody, settle, settleSubsidy } from "@/lib/settlement";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(text, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else process.stdout.once("drain", () => resolve());
  });
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const subsidy = args.has("--subsidy");
  const trace = !args.has("--no-trace");
  let input: unknown;
  try {
    input = JSON.parse(await readStdin());
  } catch {
    await write(`${JSON.stringify({ error: { code: "INVALID_REQUEST", field: "request", message: "输入不是有效的 JSON" } })}\n`);
    return 1;
  }
  let failed = false;
  const one = (req: unknown): string => {
    try {
      return JSON.stringify(subsidy ? settleSubsidy(req) : settle(req, undefined, { trace }));
    } catch (e) {
      failed = true;
      return JSON.stringify({ error: errorBody(e) });
    }
  };
  if (!Array.isArray(input)) {
    await write(`${one(input)}\n`);
    return failed ? 1 : 0;
  }
  const CHUNK = 200;
  for (let i = 0; i < input.length || i === 0; i += CHUNK) {
    const part = input.slice(i, i + CHUNK).map(one).join(",");
    const head = i === 0 ? "[" : ",";
    const tail = i + CHUNK >= input.length ? "]\n" : "";
    await write(head + (part === "" && tail ? "" : part) + tail);
    if (input.length === 0) break;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 2;
  },
);
