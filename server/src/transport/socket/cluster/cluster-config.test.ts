import { describe, expect, it } from 'vitest';
import { ClusterEnv, clusterEnvProblems } from './cluster-config.js';

describe('the Redis settings of the environment', () => {
  it('leaves the cluster off when no URL is given, with the default prefix', () => {
    expect(ClusterEnv.parse({ PATH: '/usr/bin' })).toEqual({ EVENTFLOW_REDIS_PREFIX: 'eventflow' });
  });

  it('takes a redis:// or rediss:// URL and a prefix', () => {
    expect(
      ClusterEnv.parse({ EVENTFLOW_REDIS_URL: 'rediss://cache:6380/2', EVENTFLOW_REDIS_PREFIX: 'ws-1' }),
    ).toEqual({ EVENTFLOW_REDIS_URL: 'rediss://cache:6380/2', EVENTFLOW_REDIS_PREFIX: 'ws-1' });
  });

  it('names the variable and the problem of a bad URL or prefix', () => {
    const r = ClusterEnv.safeParse({
      EVENTFLOW_REDIS_URL: 'http://cache:6379',
      EVENTFLOW_REDIS_PREFIX: 'a b',
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(clusterEnvProblems(r.error)).toEqual([
      'EVENTFLOW_REDIS_URL: must be a redis:// or rediss:// URL',
      'EVENTFLOW_REDIS_PREFIX: must be 1–64 letters, digits or _ . : -',
    ]);
  });
});
