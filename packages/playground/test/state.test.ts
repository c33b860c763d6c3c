import { describe, expect, it } from "vitest";
import { decodeState, encodeState, type PlaygroundState } from "../src/state.js";

const STATE: PlaygroundState = {
  text: "FROM alpine:3.20\n# ünïcødé and emoji 🐳 survive the round trip\nRUN echo hi\n",
  kind: "dockerfile",
  config: { extends: ["strict"], rules: { "require-pinned-image": "off", "no-apt": "error" } },
};

describe("URL state", () => {
  it("round-trips text, kind and config through a compressed, URL-safe fragment", async () => {
    const fragment = await encodeState(STATE);
    expect(fragment).toMatch(/^z\.[\w-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(STATE);
  });

  it("compresses a long file well below its size", async () => {
    const text = "RUN apt-get update && apt-get install -y curl\n".repeat(200);
    const fragment = await encodeState({ ...STATE, text });
    expect(fragment.length).toBeLessThan(text.length / 10);
    expect((await decodeState(fragment))?.text).toBe(text);
  });

  it("reads the plain base64url form written where CompressionStream is missing", async () => {
    const json = JSON.stringify({ t: STATE.text, k: "auto", c: STATE.config });
    const plain = `b.${Buffer.from(json, "utf8").toString("base64url")}`;
    expect(await decodeState(plain)).toEqual({ ...STATE, kind: "auto" });
  });

  it.each([
    ["not a state", "#hello"],
    ["cut short", "#z.q1Yq"],
    ["bad base64", "#b.!!!"],
    ["unknown kind", `#b.${Buffer.from(JSON.stringify({ t: "", k: "podfile", c: { extends: [], rules: {} } })).toString("base64url")}`],
    ["unknown preset", `#b.${Buffer.from(JSON.stringify({ t: "", k: "auto", c: { extends: ["lenient"], rules: {} } })).toString("base64url")}`],
    ["bad severity", `#b.${Buffer.from(JSON.stringify({ t: "", k: "auto", c: { extends: [], rules: { x: "loud" } } })).toString("base64url")}`],
  ])("gives undefined for a fragment that is %s", async (_, fragment) => {
    expect(await decodeState(fragment)).toBeUndefined();
  });
});
