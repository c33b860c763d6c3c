import { describe, expect, it } from "vitest";
import { visibleText } from "./visible-text.js";

describe("visibleText", () => {
  it("shows each control character as one visible character and leaves other text alone", () => {
    expect(visibleText("bob\u001b]0;pwned\u0007")).toBe("bob\u241b]0;pwned\u2407");
    expect(visibleText("a\u001b[1A\u001b[2Kb")).toBe("a\u241b[1A\u241b[2Kb");
    expect(visibleText("a\u0000b\u007fc\u009bd")).toBe("a\u2400b\u2421c\ufffdd");
    expect(visibleText("x\u202eevil\u2066y")).toBe("x\ufffdevil\ufffdy");
    expect(visibleText("tab\tstays, ümlauts and emoji 🐳 too")).toBe("tab\tstays, ümlauts and emoji 🐳 too");
    const plain = "no control characters";
    expect(visibleText(plain)).toBe(plain);
  });

  it("turns line breaks into signs too, unless asked to keep them", () => {
    expect(visibleText("a\nb\rc\r\nd\u2028e")).toBe("a\u240ab\u240dc\u240d\u240ad\ufffde");
    expect(visibleText("a\nb\rc\r\nd\u2028e\u001b", true)).toBe("a\nb\rc\r\nd\u2028e\u241b");
  });

  it("keeps the length, so columns in a code frame do not move", () => {
    const text = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join("");
    expect(visibleText(text)).toHaveLength(text.length);
    expect(visibleText(text, true)).toHaveLength(text.length);
    // eslint-disable-next-line no-control-regex -- no control character may be left
    expect(visibleText(text)).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/u);
  });
});
