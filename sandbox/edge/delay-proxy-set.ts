import { startDelayProxy, type DelayProxy } from './delay-proxy';

/**
 * Puts a set of loopback HTTP base URLs (the services, the workers' HTTP servers) behind one delay
 * proxy each: the same URL with the proxy's port, so a client sees every route `oneWayMs` away in
 * each direction, as from a runner in another region.
 */
export interface DelayedUrls<K extends string> {
  urls: Record<K, string>;
  proxies: DelayProxy[];
  stop(): Promise<void>;
}

export async function delayUrls<K extends string>(urls: Record<K, string>, oneWayMs: number): Promise<DelayedUrls<K>> {
  const proxies: DelayProxy[] = [];
  const stop = async () => { await Promise.all(proxies.map((p) => p.close())); };
  try {
    const entries = await Promise.all(Object.entries(urls).map(async ([key, value]) => {
      const url = new URL(value as string);
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`only loopback URLs can be delayed, not ${value}`);
      const proxy = await startDelayProxy(Number(url.port), 2 * oneWayMs);
      proxies.push(proxy);
      url.port = String(proxy.port);
      return [key, url.href.replace(/\/$/, '')] as const;
    }));
    return { urls: Object.fromEntries(entries) as Record<K, string>, proxies, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
