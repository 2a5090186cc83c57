import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { receiptParameterSets, type Settlement } from "@/db/schema";
import { canonicalJson, replay, type Receipt, type SettlementRequest, type SettlementResult } from "@/lib/settlement";

export type ParameterPart = Pick<Receipt, "policyCode" | "policyDocument" | "parameterVersion" | "knownCategories" | "parameters" | "rules">;

// The engine shares one frozen parameters object per read sequence: hash each once. Objects
// with the same policy, parameter version and keys read hold the same values (the version
// names every value in force), so their hash is shared too: a bulk run hashes each once.
const keys = new WeakMap<object, string>();
const keysByShape = new Map<string, string>();

/** The receipt's parameter part and its content key (sha256 of its canonical JSON). */
export function receiptParameters(receipt: Receipt): { key: string; part: ParameterPart } {
  let key = keys.get(receipt.parameters);
  const part: ParameterPart = {
    policyCode: receipt.policyCode,
    policyDocument: receipt.policyDocument,
    parameterVersion: receipt.parameterVersion,
    knownCategories: receipt.knownCategories,
    parameters: receipt.parameters,
    rules: receipt.rules,
  };
  if (!key) {
    const shape = `${receipt.policyCode}|${receipt.parameterVersion}|${Object.keys(receipt.parameters).join(",")}|${Object.keys(receipt.rules).join(",")}`;
    key = keysByShape.get(shape);
    if (!key) {
      key = createHash("sha256").update(canonicalJson(part)).digest("hex");
      if (keysByShape.size < 10_000) keysByShape.set(shape, key);
    }
    keys.set(receipt.parameters, key);
  }
  return { key, part };
}

/**
 * Stores parameter parts once (content-addressed), in key order and in one statement:
 * transactions running side by side (bulk parts) then wait for each other's new keys in the
 * same order, never in a cycle.
 */
export async function storeParameterParts(tx: DbOrTx, parts: ReadonlyMap<string, ParameterPart>): Promise<void> {
  if (parts.size === 0) return;
  const rows = [...parts.keys()].sort().map((key) => ({ key, ...parts.get(key)! }));
  await tx.insert(receiptParameterSets).values(rows).onConflictDoNothing();
}

/** Stores the receipt's parameter part once and returns its key (one settlement's transaction). */
export async function storeReceiptParameters(tx: DbOrTx, receipt: Receipt): Promise<string> {
  const { key, part } = receiptParameters(receipt);
  await storeParameterParts(tx, new Map([[key, part]]));
  return key;
}

/**
 * The whole engine result of a stored settlement, rebuilt by replaying its receipt with the
 * parameters it used (the engine refuses a receipt whose content does not match its id).
 */
export async function settlementResult(db: DbOrTx, settlement: Settlement): Promise<SettlementResult> {
  const [part] = await db.select().from(receiptParameterSets).where(eq(receiptParameterSets.key, settlement.receiptParameterSet)).limit(1);
  if (!part) throw new Error("receipt parameters missing");
  const receipt: Receipt = {
    id: settlement.receiptId,
    engineVersion: settlement.engineVersion,
    policyCode: part.policyCode,
    policyDocument: part.policyDocument,
    parameterVersion: part.parameterVersion,
    knownCategories: part.knownCategories as Receipt["knownCategories"],
    parameters: part.parameters as Receipt["parameters"],
    rules: part.rules as Receipt["rules"],
    request: settlement.receiptRequest as SettlementRequest,
  };
  return replay(receipt) as SettlementResult;
}
