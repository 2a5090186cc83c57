import { Worker } from "node:worker_threads";
import type { SettlementJob } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/types";
import { summariseJobs } from "@/lib/bulk-settlement/run-job";

/**
 * `runSettlementJobs` with each job in a worker thread of its own, on its own PostgreSQL
 * connection (PGlite is single-process: its jobs run in one thread). In one thread, one job's
 * engine work held up the other's next batch whenever its statements returned; in two, the
 * jobs' JavaScript runs side by side while the server writes. Each job still commits batch by
 * batch, so a killed run resumes exactly as before. Resolves with the jobs as they ended.
 */
export async function runSettlementJobsInThreads(
  databaseUrl: string,
  actor: SessionUser,
  jobIds: readonly string[],
  options: { batchSize?: number; maxBatches?: number; onProgress?: (summary: ReturnType<typeof summariseJobs>) => void } = {},
): Promise<SettlementJob[]> {
  const latest = new Map<string, SettlementJob>();
  const workers: Worker[] = [];
  try {
    await Promise.all(
      jobIds.map(
        (jobId) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(new URL("./settlement-job-thread.mjs", import.meta.url), {
              execArgv: [],
              workerData: { databaseUrl, actor, jobId, batchSize: options.batchSize, maxBatches: options.maxBatches },
            });
            workers.push(worker);
            worker.on("message", (job: SettlementJob) => {
              latest.set(job.id, job);
              if (latest.size === jobIds.length) options.onProgress?.(summariseJobs([...latest.values()]));
            });
            worker.on("error", reject);
            worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`批量结算线程异常退出（${code}）`))));
          }),
      ),
    );
  } catch (error) {
    // The other jobs stop too (their committed batches stay; the same command resumes them).
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return jobIds.map((id) => latest.get(id)!);
}
