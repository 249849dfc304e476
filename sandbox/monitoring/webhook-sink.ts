import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../infra/ports';

/** One webhook notification as Alertmanager posted it (formats.md §2), with the time it arrived. */
export interface Notification {
  receivedAt: number;
  payload: {
    status?: string;
    receiver?: string;
    alerts?: Array<{ status?: string; labels?: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }>;
    [key: string]: unknown;
  };
}

export interface WebhookSink {
  url: string;
  list(since?: number): Notification[];
  stop(): Promise<void>;
}

/** The sandbox's alert receiver: keeps every notification Alertmanager delivers (bounded to the last 1000). */
export async function startWebhookSink(): Promise<WebhookSink> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        received.push({ receivedAt: Date.now(), payload: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notification['payload'] });
        if (received.length > 1_000) received.shift();
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/alerts`,
    list: (since = 0) => received.filter((n) => n.receivedAt >= since),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
