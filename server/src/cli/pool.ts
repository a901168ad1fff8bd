/** How many worker threads a CLI batch gets (kept apart from main.ts, which runs on import). */

/** Batches of this many files or fewer are analysed in the main thread. */
export const POOL_THRESHOLD = 8;

/**
 * Number of worker threads for a batch; 0 means analyse in this thread.
 * By default threads start only with four cores or more, one core left to this thread: each
 * worker warms up its own compiled code and heap, and a single thread already keeps a second
 * core busy with V8's compiler and collector. On two cores (npm run bench, 1,000 reports) two
 * workers took 2.2–2.8 s where one thread took 1.6–1.8 s. --jobs N asks for N threads anyway.
 */
export function workerCount(files: number, jobs: number | undefined, cpus: number): number {
  if (files <= POOL_THRESHOLD || jobs === 1) return 0;
  if (jobs === undefined && cpus < MIN_CORES_FOR_POOL) return 0;
  return Math.max(1, Math.min(jobs ?? cpus - 1, Math.floor(files / 4)));
}

const MIN_CORES_FOR_POOL = 4;
