/**
 * Pathological inputs through the engine with every rule on: each gets a result (findings or one
 * clear fatal message) in bounded time, never an exception or a stack overflow. Time is bounded by
 * a generous per-test timeout, not asserted.
 */
import { describe, expect, it } from "vitest";
import type { LintServices } from "../../src/rule.js";
import type { FileKind } from "../../src/types.js";
import { lintChecked, projectServices } from "./harness.js";

// A quadratic walk over these inputs takes minutes, so the bound can be wide: the slowest cases
// take 14-22 s on a slow hour of the 2-core development machine (15-20 s with a test file beside
// them on the other core), and 30 s left too little room for a slower machine.
const TIMEOUT = 120_000;
const DEPTH = 10_000;
const MEGABYTE = 1024 * 1024;

function lintsCleanly(text: string, kind: FileKind): { fatal: string | undefined; messages: number } {
  const { result, problems } = lintChecked(text, kind);
  expect(problems).toEqual([]);
  return { fatal: result?.messages.find((m) => m.fatal)?.message, messages: result?.messages.length ?? 0 };
}

describe("10,000 levels of nesting", () => {
  it(
    "YAML flow sequences and mappings nested 10,000 deep in a Compose file",
    () => {
      for (const nested of ["[".repeat(DEPTH) + "]".repeat(DEPTH), "{a: ".repeat(DEPTH) + "1" + "}".repeat(DEPTH)]) {
        const { fatal } = lintsCleanly(`services:\n  web:\n    image: nginx:1.25\n    command: ${nested}\n`, "compose");
        if (fatal !== undefined) expect(fatal).toMatch(/^Parsing error: |nest/i);
      }
    },
    TIMEOUT,
  );

  it(
    "YAML block sequences nested 10,000 deep (`- - - … x`)",
    () => {
      const { fatal } = lintsCleanly(`services:\n  web:\n    image: nginx:1.25\n    command:\n      ${"- ".repeat(DEPTH)}x\n`, "compose");
      if (fatal !== undefined) expect(fatal).toMatch(/^Parsing error: |nest/i);
    },
    TIMEOUT,
  );

  it(
    "daemon.json arrays and objects nested 10,000 deep: one fatal message saying so",
    () => {
      for (const nested of ["[".repeat(DEPTH) + "]".repeat(DEPTH), '{"a": '.repeat(DEPTH) + "1" + "}".repeat(DEPTH)]) {
        const { fatal } = lintsCleanly(`{"log-opts": ${nested}}`, "daemon");
        expect(fatal).toMatch(/nested too deeply/);
      }
    },
    TIMEOUT,
  );

  it(
    "a Dockerfile RUN continued over 10,000 lines, and shell substitutions and subshells nested 10,000 deep",
    () => {
      const continued = `FROM alpine:3.19\nRUN echo start \\\n${"  && echo step \\\n".repeat(DEPTH)}  && echo done\nUSER 10001\n`;
      expect(lintsCleanly(continued, "dockerfile").fatal).toBeUndefined();
      for (const nested of ["$(".repeat(DEPTH) + "x" + ")".repeat(DEPTH), "(".repeat(DEPTH) + "x" + ")".repeat(DEPTH), "${a:-".repeat(DEPTH) + "x" + "}".repeat(DEPTH)]) {
        expect(lintsCleanly(`FROM alpine:3.19\nRUN echo ${nested}\nUSER 10001\n`, "dockerfile").fatal).toBeUndefined();
      }
    },
    TIMEOUT,
  );

  it(
    "Dockerfile variable defaults nested 10,000 deep where the build expands them (ARG, FROM, ENV, COPY, WORKDIR, LABEL): the lint threw a stack overflow",
    () => {
      const nested = "${A:-".repeat(DEPTH) + "x" + "}".repeat(DEPTH);
      const text = `ARG G=${nested}\nFROM alpine:${nested}\nENV E=${nested}\nCOPY ${nested} /\nWORKDIR /${nested}\nLABEL l="${nested}"\nUSER 10001\n`;
      expect(lintsCleanly(text, "dockerfile").fatal).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    "Dockerfile values that double with every line (forty `ARG A=$A$A`, `ENV A=${A}${A}`): the lint threw \"Invalid string length\"",
    () => {
      const doubling = (line: string): string => Array.from({ length: 40 }, () => line).join("\n");
      const text = `ARG A=xy\n${doubling("ARG A=$A$A")}\nFROM alpine:$A\nARG A\nENV E=xy\n${doubling("ENV E=${E}${E}")}\nRUN echo $A $E\nCOPY $E /\nUSER 10001\n`;
      expect(lintsCleanly(text, "dockerfile").fatal).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    "Compose interpolation nested 10,000 deep",
    () => {
      lintsCleanly(`services:\n  web:\n    image: "${"${A:-".repeat(DEPTH)}nginx${"}".repeat(DEPTH)}"\n`, "compose");
    },
    TIMEOUT,
  );
});

describe("many of one thing: shapes that once made a rule quadratic", () => {
  // Every rule but shellcheck, which would run the external program on each of these scripts.
  const config = { extends: ["all"], rules: { shellcheck: "off" } } as const;
  const MANY = 30_000;
  const lints = (text: string, kind: FileKind = "dockerfile", options: { filePath?: string; services?: LintServices } = {}): void => {
    const { result, problems } = lintChecked(text, kind, { config, ...options });
    expect(problems).toEqual([]);
    expect(result?.fatalErrorCount).toBe(0);
  };

  it(
    "a chain of 30,000 stages, each built FROM the one before (each RUN asked for the SHELL, root image and names of the whole chain)",
    () => {
      lints(`FROM alpine:3.19 AS s0\n${Array.from({ length: MANY }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN echo $A${i} | tee x`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "one RUN of 30,000 pipelines inside command substitutions (require-pipefail looked at every command for every pipe)",
    () => {
      lints(`FROM alpine:3.19\nRUN ${Array.from({ length: MANY }, (_, i) => `if [ -f a${i} ]; then echo "$(cat a${i} | grep x)" | tee -a log; fi`).join("; ")}\n`);
    },
    TIMEOUT,
  );

  it(
    "an ENV of 30,000 pairs, each using the one before, and a RUN of 30,000 heredocs read by cat and tee (the rules asked about every pair, body and line again for each)",
    () => {
      lints(`FROM alpine:3.19\nENV ${Array.from({ length: MANY }, (_, i) => `K${i}=$K${Math.max(0, i - 1)}x`).join(" ")}\n`);
      const heredocs = Array.from({ length: MANY }, (_, i) => (i % 2 === 0 ? `cat > /etc/f${i} <<E${i}` : `tee /etc/pip.conf <<-E${i}`)).join(" && ");
      lints(`FROM alpine:3.19\nRUN ${heredocs}\n${Array.from({ length: MANY }, (_, i) => `strict-ssl=false\nE${i}`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "30,000 names that no ARG declares, in global ARG values, in FROMs and in a stage's COPYs, among 30,000 that ARGs do (each walked the ARGs, the earlier stages or every name for a suggestion)",
    () => {
      const declared = (prefix: string): string => Array.from({ length: MANY }, (_, i) => `ARG ${prefix}${i}=1`).join("\n");
      lints(`${Array.from({ length: MANY }, (_, i) => `ARG A${i}=\${MISSING${i}}`).join("\n")}\nFROM alpine:3.19\n`);
      lints(`${declared("G")}\n${Array.from({ length: MANY }, (_, i) => `FROM alpine:\${V${i}}\nARG V${i}`).join("\n")}\n`);
      lints(`FROM scratch\n${declared("S")}\n${Array.from({ length: MANY }, (_, i) => `COPY \${X${i}} /`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "30,000 stages, each copying from a stage that does not exist (each reference was compared with every stage, and its name with every earlier one for a suggestion)",
    () => {
      lints(`${Array.from({ length: MANY }, (_, i) => `FROM alpine:3.19 AS s${i}\nCOPY --from=t${i} /a /b`).join("\n")}\n`);
      // Each copying from a name that 30,000 later stages share: the later ones were copied for every reference.
      lints(`${Array.from({ length: MANY }, (_, i) => `FROM alpine:3.19 AS s${i}\nCOPY --from=same /a /b`).join("\n")}\n${Array.from({ length: MANY }, () => "FROM alpine:3.19 AS same\nRUN true").join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "one RUN of 30,000 pip installs (each asked every earlier command for PIP_NO_CACHE_DIR and every later one for a cache clean-up)",
    () => {
      lints(`FROM python:3.12\nRUN ${Array.from({ length: MANY }, (_, i) => `pip install p${i}`).join(" && ")}\n`);
    },
    TIMEOUT,
  );

  it(
    "60,000 CMDs and 60,000 ONBUILD HEALTHCHECKs in one stage (no-repeated-instruction copied its list for each)",
    () => {
      lints(`FROM alpine:3.19\n${Array.from({ length: 2 * MANY }, (_, i) => `CMD ["echo", "${i}"]\nONBUILD HEALTHCHECK CMD true`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "one RUN continued over 30,000 lines with a comment line between each two (no-continued-comment asked every token about every `#`)",
    () => {
      lints(`FROM alpine:3.19\nRUN echo a \\\n${Array.from({ length: MANY }, (_, i) => `# c${i}\n  && echo ${i} \\`).join("\n")}\n  && echo end\n`);
    },
    TIMEOUT,
  );

  it(
    "60,000 suppression comments, each above its own instruction, and 60,000 global ARGs redeclared in a stage (each finding asked every comment; each name walked the ARGs)",
    () => {
      const count = 2 * MANY;
      lints(`FROM alpine:3.19\n${Array.from({ length: count }, (_, i) => `${i % 2 ? "# hadolint ignore=DL3004" : "# docklint-disable-next-line no-sudo"}\nRUN sudo echo ${i}`).join("\n")}\n`);
      lints(`${Array.from({ length: count }, (_, i) => `ARG A${i}=\${A${Math.max(0, i - 1)}}`).join("\n")}\nFROM alpine:3.19\n${Array.from({ length: count }, (_, i) => `ARG A${i}`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "a heredoc of 100,000 lines, each using a variable (no-undefined-variable searched the whole script for each name)",
    () => {
      lints(`FROM alpine:3.19\nRUN <<EOF\n${Array.from({ length: 100_000 }, (_, i) => `echo $V${i} > /tmp/f${i}`).join("\n")}\nEOF\n`);
    },
    TIMEOUT,
  );

  it(
    "one cat reading 60,000 heredocs (`cat <<A0 <<A1 …`: the reader's targets were found again for each heredoc, through all its redirects)",
    () => {
      const count = 2 * MANY;
      lints(`FROM alpine:3.19\nRUN ${Array.from({ length: count }, (_, i) => `cat <<A${i}`).join(" ")}\n${Array.from({ length: count }, (_, i) => `x\nA${i}`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "a COPY of 500,000 sources on one line, and a COPY of 60,000 heredocs (each word searched on to the end of the line, and every heredoc, again)",
    () => {
      lints(`FROM alpine:3.19\nCOPY ${Array.from({ length: 500_000 }, (_, i) => `a${i}`).join(" ")} /dst/\n`);
      const count = 2 * MANY;
      lints(`FROM alpine:3.19\nCOPY ${Array.from({ length: count }, (_, i) => `<<A${i}`).join(" ")} /dst/\n${Array.from({ length: count }, (_, i) => `x\nA${i}`).join("\n")}\n`);
    },
    TIMEOUT,
  );

  it(
    "a Compose service with 50,000 volumes and 50,000 ports (the schema's uniqueItems compared every pair)",
    () => {
      const list = (key: string, item: (i: number) => string): string => `    ${key}:\n${Array.from({ length: 50_000 }, (_, i) => `      - ${item(i)}`).join("\n")}\n`;
      const text = `services:\n  web:\n    image: nginx:1.27\n${list("volumes", (i) => `./d${i}:/d${i}:ro`)}${list("ports", (i) => `"127.0.0.1:${1024 + (i % 60000)}:${i % 1000}"`)}`;
      lints(text, "compose");
    },
    TIMEOUT,
  );

  it(
    "--fix on 30,000 suppression comments in one Compose mapping, whose keys are out of order (each fix of each pass was keyed by its JSON, and the reorder fix's text is the whole mapping)",
    () => {
      const text = `services:\n  s:\n    image: nginx:1.27\n${Array.from({ length: MANY }, (_, i) => `    # docklint-disable-next-line no-privileged\n    x-k${MANY - i}: 1`).join("\n")}\n`;
      const { result, problems } = lintChecked(text, "compose", { config, fix: true, filePath: "compose.yaml" });
      expect(problems).toEqual([]);
      expect(result?.output).toBeDefined();
    },
    TIMEOUT,
  );

  it(
    "2,000 Compose files that one compose.yaml includes, each linted (each lint parsed the including project's files again, then resolved its whole include list again)",
    () => {
      const count = 2_000;
      const project: Record<string, string> = { "compose.yaml": `include:\n${Array.from({ length: count }, (_, i) => `  - part${i}.yaml\n`).join("")}` };
      for (let i = 0; i < count; i++) project[`part${i}.yaml`] = `services:\n  s${i}:\n    image: nginx:1.27\n    depends_on: [s${(i + 1) % count}]\n`;
      const services = projectServices(project);
      for (let i = 0; i < count; i++) {
        lints(project[`part${i}.yaml`] ?? "", "compose", { filePath: `/project/part${i}.yaml`, services });
      }
    },
    TIMEOUT,
  );

  it(
    "24,000 Compose services whose depends_on lists are out of order (the check that the sorting fixes keep the data walked the document from its root for each list)",
    () => {
      const count = 24_000;
      lints(`services:\n${Array.from({ length: count }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    depends_on: [s${i + 2}, s${i + 1}]`).join("\n")}\n`, "compose");
    },
    TIMEOUT,
  );

  it(
    "30,000 Compose services that all mount one volume read-write (each finding listed every other service)",
    () => {
      const text = `services:\n${Array.from({ length: MANY }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    volumes: [data:/d]`).join("\n")}\nvolumes:\n  data: {}\n`;
      lints(text, "compose");
    },
    TIMEOUT,
  );
});

describe("a 1 MB single line", () => {
  const long = "a".repeat(MEGABYTE);
  it(
    "in a Dockerfile: a RUN, a LABEL, an image name, a comment",
    () => {
      for (const line of [`RUN echo ${long}`, `LABEL description="${long}"`, `FROM registry.example.com/${long}:1`, `# ${long}`, `RUN curl -fsSL https://example.com/${"a/".repeat(MEGABYTE / 2)} | sh`]) {
        lintsCleanly(`FROM alpine:3.19\n${line}\nUSER 10001\n`, "dockerfile");
      }
    },
    TIMEOUT,
  );

  it(
    "in a Compose file: a scalar, an image, an environment value, flow sequences",
    () => {
      // Ports: 5,000 entries (each a finding of several rules); a 256 KB flow sequence of numbers is an extension field.
      for (const entry of [`command: ${long}`, `image: ${long}`, `environment:\n      PASSWORD: ${long}`, `ports: [${"80, ".repeat(5_000)}80]`, `x-data: [${"1, ".repeat(MEGABYTE / 12)}1]`]) {
        lintsCleanly(`services:\n  web:\n    ${entry}\n`, "compose");
      }
    },
    TIMEOUT,
  );

  it(
    "in daemon.json: a string and a long array",
    () => {
      lintsCleanly(`{"data-root": "/${long}", "dns": [${'"1.1.1.1", '.repeat(MEGABYTE / 12)}"8.8.8.8"]}`, "daemon");
    },
    TIMEOUT,
  );
});

describe("bombs and binary content", () => {
  it(
    "a YAML alias bomb is refused with one fatal message naming it",
    () => {
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
      const { fatal } = lintsCleanly(`x-bomb:\n  ${levels.join("\n  ")}\nservices:\n  web:\n    image: nginx:1.25\n`, "compose");
      expect(fatal).toMatch(/alias bomb/);
    },
    TIMEOUT,
  );

  it("NUL bytes make a file binary: one fatal message, for every kind", () => {
    for (const kind of ["dockerfile", "compose", "daemon"] as const) {
      const { fatal, messages } = lintsCleanly("FROM alpine\u0000\u0001\u0002\nUSER 1\n", kind);
      expect({ fatal, messages }).toEqual({ fatal: expect.stringMatching(/NUL bytes \(offset 11\).*looks binary/), messages: 1 });
    }
  });

  it("random bytes decoded leniently (replacement characters, control characters) lint without a crash", () => {
    let state = 42;
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      // No zero byte: those are refused as binary before parsing; everything else reaches the parsers.
      bytes[i] = (state >> 16) % 255 + 1;
    }
    const text = bytes.toString("utf8");
    for (const kind of ["dockerfile", "compose", "daemon"] as const) lintsCleanly(text, kind);
  });
});
