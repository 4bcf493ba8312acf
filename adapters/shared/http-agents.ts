/**
 * The keep-alive connection pools of the HTTP-based adapters. A pull makes many small sequential
 * calls to the same host, so connections are reused; at most 8 sockets per host, whatever the
 * adapter or the number of sources on that host.
 */
import http from 'node:http';
import https from 'node:https';

/** The agents to hand to axios (`httpAgent`, `httpsAgent`). */
export const keepAliveAgents = {
  httpAgent: new http.Agent({ keepAlive: true, maxSockets: 8 }),
  httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 8 }),
} as const;
