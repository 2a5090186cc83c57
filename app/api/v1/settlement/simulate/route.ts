import { NextResponse } from "next/server";
import { errorBody, simulate } from "@/lib/settlement";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { createRateLimiter } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;
const MAX_BATCH = 100;
const limiter = createRateLimiter({ limit: 120, windowMs: 60_000 });

function refuse(status: number, code: string, message: string, headers?: Record<string, string>) {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

/**
 * Public what-if settlement (settlement-contract.md, HTTP entry point): the same JSON as
 * the library and the CLI, one request or an array of them. Stores nothing.
 */
export async function POST(request: Request) {
  const wait = limiter.hit(clientAddressFrom(request.headers));
  if (wait > 0) {
    return refuse(429, "RATE_LIMITED", "请求过于频繁，请稍后再试", { "Retry-After": String(Math.ceil(wait / 1000)) });
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return refuse(413, "PAYLOAD_TOO_LARGE", "请求内容过大");
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return refuse(413, "PAYLOAD_TOO_LARGE", "请求内容过大");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, "INVALID_JSON", "请求内容不是有效的 JSON");
  }

  if (Array.isArray(body)) {
    if (body.length > MAX_BATCH) return refuse(400, "INVALID_REQUEST", `一次最多测算 ${MAX_BATCH} 笔`);
    const results = body.map((item) => {
      try {
        return simulate(item);
      } catch (e) {
        return { error: errorBody(e) };
      }
    });
    const failed = results.some((r) => "error" in r);
    return NextResponse.json(results, { status: failed ? 400 : 200 });
  }
  try {
    return NextResponse.json(simulate(body));
  } catch (e) {
    const error = errorBody(e);
    return NextResponse.json({ error }, { status: error.code === "INTERNAL_INVARIANT" ? 500 : 400 });
  }
}
