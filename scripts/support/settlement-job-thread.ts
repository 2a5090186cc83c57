// One staged settlement job run in a worker thread (see run-jobs-in-threads.ts): its own
// connection, its progress posted to the parent after each committed batch.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "@/db/client";
import type { SessionUser } from "@/lib/auth/types";
import { runSettlementJob } from "@/lib/bulk-settlement/run-job";

const input = workerData as { databaseUrl: string; actor: SessionUser; jobId: string; batchSize?: number; maxBatches?: number };
const handle = await openDatabase({ url: input.databaseUrl });
try {
  const job = await runSettlementJob(handle.db, input.actor, input.jobId, {
    batchSize: input.batchSize,
    maxBatches: input.maxBatches,
    onProgress: (progress) => parentPort!.postMessage(progress),
  });
  parentPort!.postMessage(job); // also when it was already done, or stopped by maxBatches
} finally {
  await handle.close();
}
