import type { Target } from '../profile/target';

/**
 * Whether the target runs on the runner's machine: every address the profile gives is loopback
 * (the sandbox, a local stack). Then a saturated machine slows the target as much as the runner,
 * and a slow answer measured meanwhile proves nothing about the deployment.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i;

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function sharesMachine(target: Target): boolean {
  const urls = [
    ...target.regions.map((r) => r.connectTo ? `http://${r.connectTo}` : r.serviceUrl('identity')),
    ...(target.database ? [target.database.url] : []),
  ];
  return urls.length > 0 && urls.every(isLoopbackUrl);
}
