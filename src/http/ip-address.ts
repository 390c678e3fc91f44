/**
 * One rate-limit key per client however its address is spelled: `1.2.3.4`, `::ffff:1.2.3.4`,
 * `1.2.3.4:80`, `[1.2.3.4]:80` and `1.2.3.4%eth0` are one IPv4 client; an IPv6 address keys on
 * its /64, the block one subscriber (one home, one VM) gets and can cycle through at will.
 * Anything that is not an IP address gives undefined.
 */
export function addressKey(text: string): string | undefined {
  const host = stripPortAndZone(text.trim());
  if (host === undefined) return undefined;
  if (!host.includes(":")) return ipv4(host);
  const groups = ipv6Groups(host);
  if (groups === undefined) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 client a dual-stack socket reports.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/** The address without brackets, port or zone (`%eth0`); undefined when the shape is wrong. */
function stripPortAndZone(text: string): string | undefined {
  let host = text;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    const rest = host.slice(end + 1);
    if (end < 0 || (rest !== "" && !/^:\d{1,5}$/u.test(rest))) return undefined;
    host = host.slice(1, end);
  } else if (/^[^:]*:\d{1,5}$/u.test(host)) {
    // One colon: host:port (a bare IPv6 address has at least two).
    host = host.slice(0, host.indexOf(":"));
  }
  const zone = host.indexOf("%");
  return zone < 0 ? host : host.slice(0, zone);
}

/** Dotted decimal, four parts 0–255 without leading zeros (which some parsers read as octal). */
function ipv4(text: string): string | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/u.test(part) && Number(part) <= 255)) return undefined;
  return parts.map(Number).join(".");
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, an IPv4 tail converted), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  // An IPv4 tail may only end the whole address.
  const parse = (half: string, endsAddress: boolean): number[] | undefined => {
    if (half === "") return [];
    const parts = half.split(":");
    const groups: number[] = [];
    for (const [index, part] of parts.entries()) {
      if (endsAddress && index === parts.length - 1 && part.includes(".")) {
        const dotted = ipv4(part);
        if (dotted === undefined) return undefined;
        const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
        groups.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/iu.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = parse(halves[0] ?? "", halves.length === 1);
  const tail = halves.length === 2 ? parse(halves[1] ?? "", true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}
