import { Worker } from 'node:worker_threads';

export interface WorkerPool {
  /** A booted worker waiting for its `init` message; spawns one when no spare is ready. */
  take(): Worker;
  close(): Promise<void>;
}

// A plain-JS entry that registers tsx and then loads run-worker.ts: works under `tsx` and under vitest alike.
const workerUrl = new URL('./run-worker-boot.mjs', import.meta.url);

/**
 * Booting a worker (tsx, the engine, the CEL library) takes most of a second, so one is kept booted in
 * advance: `run:start` then answers at once. Spares are unref'd so an idle pool never holds the process open.
 */
export function createWorkerPool(opts: { spares: number; maxOldGenerationSizeMb: number }): WorkerPool {
  const spares: Worker[] = [];
  let closed = false;

  function spawn(): Worker {
    return new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb } });
  }

  function refill(): void {
    while (!closed && spares.length < opts.spares) {
      const worker = spawn();
      worker.unref();
      worker.once('exit', () => {
        const i = spares.indexOf(worker);
        if (i >= 0) spares.splice(i, 1);
      });
      worker.on('error', () => undefined);
      spares.push(worker);
    }
  }

  refill();
  return {
    take() {
      const worker = spares.shift() ?? spawn();
      worker.ref();
      worker.removeAllListeners('error');
      setImmediate(refill);
      return worker;
    },
    async close() {
      closed = true;
      await Promise.all(spares.splice(0).map((w) => w.terminate()));
    },
  };
}
