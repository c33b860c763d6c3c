import { isIP as nodeIsIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIP, isIPWithZone } from "./ip-address.js";

describe("isIP", () => {
  // Node's parser follows the same grammar as Go's net.ParseIP (no leading zeros in IPv4, one
  // `::`, an IPv4 tail); Node also accepts a zone, which net.ParseIP does not.
  const goParseIP = (text: string): boolean => nodeIsIP(text) !== 0 && !text.includes("%");

  it("agrees with Node's parser on generated addresses", () => {
    // Mostly well-formed pieces (lower case: fast-check generates from a regex without flags), so that both answers are common; the rest near misses.
    const group = fc.oneof({ weight: 9, arbitrary: fc.stringMatching(/^[\da-f]{1,4}$/) }, { weight: 1, arbitrary: fc.stringMatching(/^[\da-g]{0,5}$/) });
    const octet = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 255 }).map(String) }, { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 256, max: 999 }).map(String), fc.stringMatching(/^0\d{1,2}$/)) });
    const ipv4 = fc.oneof({ weight: 4, arbitrary: fc.array(octet, { minLength: 4, maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(octet, { minLength: 3, maxLength: 5 }) }).map((parts) => parts.join("."));
    const ipv6 = fc
      .tuple(fc.oneof(fc.array(group, { minLength: 8, maxLength: 8 }), fc.array(group, { maxLength: 9 })), fc.boolean(), fc.nat(9), fc.option(ipv4, { nil: undefined, freq: 4 }))
      .map(([groups, ellipsis, at, tail]) => {
        const parts = tail === undefined ? [...groups] : groups.slice(0, Math.max(0, groups.length - 2));
        if (ellipsis) parts.splice(Math.min(at, parts.length), 0, "");
        let text = parts.join(":");
        if (ellipsis && (text.startsWith(":") || text === "")) text = `:${text}`;
        if (ellipsis && text.endsWith(":")) text = `${text}:`;
        return tail === undefined ? text : `${text}${text.endsWith(":") ? "" : ":"}${tail}`;
      });
    const noise = fc.stringMatching(/^[0-9a-f:.%]{0,20}$/);
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6, noise), (text) => {
        expect(isIP(text), text).toBe(goParseIP(text));
      }),
      { numRuns: 5000, seed: 20262101 },
    );
  });
});

describe("isIPWithZone", () => {
  it.each([
    ["fe80::1%eth0", true],
    ["fe80::1%", false],
    ["10.0.0.1%eth0", false],
    ["::1", true],
  ] as const)("%j → %s", (text, expected) => {
    expect(isIPWithZone(text)).toBe(expected);
  });
});
