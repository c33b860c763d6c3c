import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIpAddress, portRangeProblem, shortPortProblem } from "./port-spec.js";

describe("isIpAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["0.0.0.0", true],
    ["255.255.255.255", true],
    ["::", true],
    ["::1", true],
    ["[::1]", true],
    ["fe80::1:2", true],
    ["::ffff:10.0.0.1", true],
    ["1:2:3:4:5:6:7:8", true],
    ["256.0.0.1", false],
    ["01.2.3.4", false],
    ["1.2.3", false],
    ["1.2.3.4.5", false],
    ["localhost", false],
    ["1:2:3:4:5:6:7:8:9", false],
    ["1::2::3", false],
    ["fe80::1%eth0", false],
    ["12345::1", false],
    ["", false],
  ])("%s → %s", (text, expected) => {
    expect(isIpAddress(text)).toBe(expected);
  });

  // Go's net.ParseIP and Node's net.isIP agree on addresses without a zone (which Go refuses):
  // both refuse leading zeros in IPv4 and accept an IPv4 tail in IPv6.
  it("agrees with Node's net.isIP on generated addresses and near misses", () => {
    const nearMiss = fc.string({ unit: fc.constantFrom(..."0123456789abcdefg:."), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), nearMiss), (text) => {
        expect(isIpAddress(text)).toBe(isIP(text) !== 0);
      }),
      { seed: 20261130, numRuns: 3000 },
    );
  });
});

describe("portRangeProblem", () => {
  it.each([
    ["80", undefined],
    ["0", undefined],
    ["65535", undefined],
    ["8000-8010", undefined],
    ["8000-8000", undefined],
    ["65536", "the port `65536` is above 65535, the highest port"],
    ["8010-8000", "the port range `8010-8000` ends before it starts"],
    ["", "the port is empty"],
    [" 80", "the port ` 80` is not a number or a range such as `8000-8010`"],
    ["+80", "the port `+80` is not a number or a range such as `8000-8010`"],
  ])("%j → %s", (text, expected) => {
    expect(portRangeProblem(text, "port")).toBe(expected);
  });
});

describe("shortPortProblem", () => {
  it.each(["80", "8080:80", "127.0.0.1:8080:80/udp", "[::1]::80", "::1:8080:80", "8000-8010:80", "8000-8010:9000-9010/SCTP", "80/"])("accepts %s", (text) => {
    expect(shortPortProblem(text)).toBeUndefined();
  });
  it.each(["", ":", "80:", "a:80", "80:80:80:80", "1.2.3.4:80:80/icmp", "8000-8001:80-90"])("refuses %j", (text) => {
    expect(shortPortProblem(text)).toBeTypeOf("string");
  });
});
