import { z } from 'zod';

/** What a simulator worker process needs to serve a loaded world (passed as JSON in SIM_WORKER_CONFIG). */
export const simWorkerConfigSchema = z.strictObject({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').describe('the PostgreSQL database holding the world'),
  prefix: z.string().regex(/^[a-z][a-z0-9_]*$/).describe('schema prefix of the loaded world'),
  checkpointSchema: z.string().regex(/^[a-z][a-z0-9_]*$/).describe('schema of the shared PostgreSQL checkpointer (set up by the parent)'),
  queue: z.string().min(1).describe('BullMQ queue to consume'),
  name: z.string().min(1).describe('worker name recorded on the jobs it takes, e.g. "sim-worker-1"'),
  concurrency: z.number().int().min(1).max(256).describe('turns this process runs at once'),
  asOf: z.iso.datetime().describe("the world's now"),
  redis: z.strictObject({
    host: z.string().describe('Redis host'),
    port: z.number().int().describe('Redis port'),
    db: z.number().int().min(0).describe('Redis database number'),
  }).describe('the Redis BullMQ uses'),
  stalledAfterMs: z.number().int().min(1000).optional().describe('how soon a dead worker\'s job goes to another (default 30 s)'),
});
export type SimWorkerConfig = z.infer<typeof simWorkerConfigSchema>;

/** Messages a worker process sends its parent over IPC. */
export type SimWorkerMessage = { type: 'ready'; pid: number } | { type: 'failed'; message: string };
