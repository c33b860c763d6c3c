import { describe, expect, it } from "vitest";
import "../compose/index.js";
import { lintText } from "../linter.js";
import { fileMemoCount, forgetLintedFile } from "./file-memos.js";

describe("file memos", () => {
  it("are made once, when their modules load: linting files of every kind registers none", () => {
    const lintEach = (): void => {
      lintText("FROM alpine:3.19\nRUN apt-get update && apt-get install -y curl\nUSER app\n", { kind: "dockerfile", config: { extends: ["all"] } });
      lintText("services:\n  web:\n    image: nginx:latest\n    privileged: true\n", { kind: "compose", config: { extends: ["all"] } });
      lintText('{"debug": true}\n', { kind: "daemon", config: { extends: ["all"] } });
    };
    lintEach();
    const registered = fileMemoCount();
    expect(registered).toBeGreaterThan(10);
    for (let i = 0; i < 5; i++) lintEach();
    expect(fileMemoCount()).toBe(registered);
  });

  it("emptied between lints, they change no finding: the same file gives the same messages, forgotten or not", () => {
    const text = "FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nRUN sudo apt-get update\n";
    const lint = (): unknown => lintText(text, { kind: "dockerfile", config: { extends: ["all"] } }).messages;
    const first = lint();
    expect(lint()).toEqual(first);
    forgetLintedFile();
    expect(lint()).toEqual(first);
  });
});
