import { z } from 'zod';

/**
 * The environment's say on sharing rooms between server processes. Without a URL the server works alone,
 * in memory, as before; with one, every process given the same URL and prefix shares rooms and runs.
 */
export const ClusterEnv = z.object({
  EVENTFLOW_REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  /** Prefix of the adapter's Redis channels: processes with different prefixes never hear each other. */
  EVENTFLOW_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits or _ . : -')
    .default('eventflow'),
});
export type ClusterEnv = z.infer<typeof ClusterEnv>;

/** The problems of a bad environment, one line each, naming the variable. */
export function clusterEnvProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
