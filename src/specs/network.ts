import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 4 | 6;
  address: string;
  prefix: number;
}

/** Parses `a.b.c.d/n` or `v6/n`; undefined when it is not a CIDR block. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const [, address = '', prefixText = ''] = match;
  const prefix = Number(prefixText);
  if (isIPv4(address) && prefix <= 32) return { family: 4, address, prefix };
  if (isIPv6(address) && prefix <= 128) return { family: 6, address, prefix };
  return undefined;
}

/** A block that admits the whole internet (0.0.0.0/0, ::/0, or any /0). */
export const isAnywhere = (cidr: Cidr): boolean => cidr.prefix === 0;
