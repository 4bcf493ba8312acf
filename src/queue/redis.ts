/**
 * Redis connections for BullMQ, configured as BullMQ's production guidance says: workers use
 * `maxRetriesPerRequest: null` so they wait through a Redis restart instead of failing; producers
 * (queues used from the API and the scheduler) use `enableOfflineQueue: false` so adding a job
 * fails fast while Redis is down rather than piling up in memory; reconnection backs off.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { HubError } from '../lib/errors.ts';
import { redactUrl } from '../config/settings.ts';

const retryStrategy = (times: number): number => Math.min(times * 200, 5_000);

/** A connection for BullMQ Workers (blocking commands; never gives up on a command). */
export function workerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy,
    connectionName: 'kntc-worker',
  });
}

/** A connection for BullMQ Queues (producers): commands fail fast while Redis is unreachable. */
export function producerConnection(url: string): Redis {
  const opts: RedisOptions = {
    enableOfflineQueue: false,
    retryStrategy,
    connectionName: 'kntc-producer',
  };
  return new Redis(url, opts);
}

/** Pings Redis once; throws KNTC_REDIS_UNREACHABLE naming the URL when it cannot. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined); // reported through the rejected connect() below
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new HubError('KNTC_REDIS_UNREACHABLE', `Cannot reach Redis at ${redactUrl(url)}`, {
      cause: err,
    });
  } finally {
    client.disconnect();
  }
}
