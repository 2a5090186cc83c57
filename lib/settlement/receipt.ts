/**
 * Decision receipts: canonical JSON (sorted keys) and its sha256 id. The id covers the policy
 * set version, the parameter snapshot, the normalised request and the engine version, so the
 * same request under the same parameters always gets the same id.
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level; stable across runs. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  let out: string;
  if (Array.isArray(value)) out = `[${value.map(canonicalJson).join(",")}]`;
  else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
  }
  return out;
}


export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const DIGEST_CACHE = new WeakMap<object, string>();

/**
 * A fingerprint (first 32 hex digits of sha256) of one object's canonical JSON, remembered for
 * objects that never change (catalogue entries). The receipt id hashes these fingerprints, so it
 * still commits to every stored parameter and citation while hashing far fewer bytes.
 */
export function digestOf(value: object): string {
  const hit = DIGEST_CACHE.get(value);
  if (hit !== undefined) return hit;
  const d = sha256(canonicalJson(value)).slice(0, 32);
  DIGEST_CACHE.set(value, d);
  return d;
}
