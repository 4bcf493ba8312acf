/**
 * Prometheus metrics (prom-client) on one registry per hub instance, so tests can build several
 * hubs in one process. Labels carry source ids and outcomes only, never record data.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The hub's metrics. */
export interface HubMetrics {
  readonly registry: Registry;
  readonly recordsPulled: Counter<'source'>;
  readonly recordsStored: Counter<'source' | 'change'>;
  readonly recordsRejected: Counter<'source'>;
  readonly pushes: Counter<'outcome'>;
  readonly pushLatency: Histogram<'outcome'>;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  /** Push attempts that reached the national side, by stage and national answer. */
  readonly pushAttempts: Counter<'stage' | 'result'>;
  /** 1 while the national submission window is open, 0 while the hub holds pushes. */
  readonly windowOpen: Gauge<'reason'>;
}

/** Creates the registry and metrics; `queueCounts` feeds the queue-depth gauge at scrape time. */
export function createMetrics(
  queueCounts?: () => Promise<Record<string, Record<string, number>>>,
  defaults = true,
): HubMetrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'kntc_' });
  const m: HubMetrics = {
    registry,
    recordsPulled: new Counter({
      name: 'kntc_records_pulled_total',
      help: 'Source records pulled',
      labelNames: ['source'],
      registers: [registry],
    }),
    recordsStored: new Counter({
      name: 'kntc_records_stored_total',
      help: 'Canonical records written (inserted or updated)',
      labelNames: ['source', 'change'],
      registers: [registry],
    }),
    recordsRejected: new Counter({
      name: 'kntc_records_rejected_total',
      help: 'Source records rejected by mapping or validation',
      labelNames: ['source'],
      registers: [registry],
    }),
    pushes: new Counter({
      name: 'kntc_push_total',
      help: 'National submissions by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    pushLatency: new Histogram({
      name: 'kntc_push_duration_seconds',
      help: 'Time to submit one case to the national database',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    pushAttempts: new Counter({
      name: 'kntc_push_attempts_total',
      help: 'Push attempts by stage and result (acknowledged, duplicate, retry code, dead-lettered)',
      labelNames: ['stage', 'result'],
      registers: [registry],
    }),
    windowOpen: new Gauge({
      name: 'kntc_national_window_open',
      help: '1 while the national submission window is open, 0 while pushes are held',
      labelNames: ['reason'],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'kntc_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        if (queueCounts === undefined) return;
        for (const [queue, counts] of Object.entries(await queueCounts())) {
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      },
    }),
  };
  return m;
}
