import { isIPv6 } from 'node:net';

/**
 * The client address as rate limits count it: an IPv4 address as it is (also when it arrives as
 * IPv4-mapped IPv6, `::ffff:10.1.2.3`), an IPv6 address by its /64 network. One IPv6 host normally
 * holds a whole /64 and could take a fresh address, and so a fresh budget, for every request
 * (the grouping @fastify/rate-limit applied before we counted ourselves).
 */
export function clientKey(ip: string): string {
  const address = ip.toLowerCase();
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part as two groups). */
function expandIPv6(address: string): string[] {
  let text = address.split('%')[0] ?? address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
