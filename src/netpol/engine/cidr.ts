import { BlockList, isIP } from 'node:net';

/**
 * CIDR arithmetic for ipBlock, on Node's own `net.BlockList` (no hand-written bit twiddling).
 * An address is inside an ipBlock when it is inside `cidr` and inside none of `except`.
 */

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export function parseCidr(text: string): Cidr | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const version = isIP(m[1]);
  const prefix = Number(m[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return null;
  return { address: m[1], prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export function cidrContains(cidr: string, address: string): boolean {
  const c = parseCidr(cidr);
  const version = isIP(address);
  if (!c || version === 0 || (version === 4) !== (c.family === 'ipv4')) return false;
  const list = new BlockList();
  list.addSubnet(c.address, c.prefix, c.family);
  return list.check(address, c.family);
}

export function inIpBlock(block: { cidr: string; except?: string[] | null }, address: string): boolean {
  return cidrContains(block.cidr, address) && !(block.except ?? []).some((e) => cidrContains(e, address));
}
