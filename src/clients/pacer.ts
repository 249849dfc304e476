/**
 * Client-side pacing for traffic through an edge. Every request from this process to one edge
 * shares that edge's per-IP limit (RL-1: 10 requests/s, burst 20), whichever layer sends it, and
 * the edge's 429 is not the answer a check asks about. So there is one bucket per edge origin for
 * the whole process, refilled at 8 requests/s with room for 8: concurrent checks of both layers
 * never trip the limit they are not testing.
 */

const PER_SECOND = 8;
const BURST = 8;

interface Bucket { tokens: number; at: number; queue: Promise<void> }
const buckets = new Map<string, Bucket>();

const originOf = (url: string) => new URL(url).origin;

function bucketOf(origin: string): Bucket {
  let bucket = buckets.get(origin);
  if (!bucket) buckets.set(origin, (bucket = { tokens: BURST, at: Date.now(), queue: Promise.resolve() }));
  return bucket;
}

/** Waits for this edge's next free slot; requests are served in the order they asked. */
export function pace(edgeUrl: string): Promise<void> {
  const bucket = bucketOf(originOf(edgeUrl));
  const turn = bucket.queue.then(async () => {
    for (;;) {
      const now = Date.now();
      bucket.tokens = Math.min(BURST, bucket.tokens + ((now - bucket.at) / 1000) * PER_SECOND);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - bucket.tokens) / PER_SECOND) * 1000)));
    }
  });
  bucket.queue = turn;
  return turn;
}

/** After a deliberate burst (SEC-RATE-LIMIT) the edge's bucket is empty, so ours starts empty too. */
export function drainPacer(edgeUrl: string): void {
  const bucket = bucketOf(originOf(edgeUrl));
  bucket.tokens = 0;
  bucket.at = Date.now();
}

/** Whether `url` goes to the region's edge (and so counts against its limit). */
export function throughEdge(url: string, edgeUrl: string | null | undefined): boolean {
  return Boolean(edgeUrl) && originOf(url) === originOf(edgeUrl!);
}
