import type { ComposeModel, ComposeService, Found } from "../../compose/model.js";
import { evaluate, knownTrimmed } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import { HEALTHCHECK_OPTIONS } from "../../util/healthcheck-options.js";
import type { HealthcheckOptions } from "../../util/healthcheck-options.js";
import { imageMatchesAny } from "../../util/image-patterns.js";
import { buildHealthcheck, serviceBuild } from "../../compose/build.js";
import { isComposeTrue } from "./_a-values.js";
import { isRecord } from "../../util/is-record.js";
import { completesAnotherFile, otherLayerGives, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

interface OptOut {
  /** `shellNone`: `test: NONE` as a string, which is not an opt-out but the shell command `NONE`. */
  kind: "disabled" | "shellNone";
  entry: string;
  /** The shell command, for `shellNone`. */
  command?: string;
  found: Found;
}

/** How the service turns its health check off, as written, or undefined when it does not. */
function optOut(service: ComposeService): OptOut | undefined {
  const disable = service.scalar(["healthcheck", "disable"]);
  if (disable) {
    const on = isComposeTrue(disable.value);
    if (on) return { kind: "disabled", entry: `disable: ${disable.text}`, found: disable };
  }
  const test = service.get(["healthcheck", "test"]);
  if (!test) return undefined;
  if (Array.isArray(test.value)) {
    const first: unknown = test.value[0];
    if (typeof first !== "string" || evaluate(first).value.trim() !== "NONE") return undefined;
    return { kind: "disabled", entry: `test: ["${first}"]`, found: test };
  }
  // A string `test` is CMD-SHELL's command: `test: NONE` runs `/bin/sh -c NONE`, which fails.
  if (typeof test.value !== "string" || evaluate(test.value).value.trim().toUpperCase() !== "NONE") return undefined;
  return { kind: "shellNone", entry: `test: ${test.value}`, command: test.value, found: test };
}

/** Another layer's service defines a health check (an opt-out is reported in its own file). */
function givesHealthcheck(other: ComposeService, kept: KeptPath): boolean {
  return kept(["healthcheck"]) && (other.healthcheck?.value ?? null) !== null;
}

/** The services another service of the file depends on with `condition: service_healthy`. */
function servicesAwaitedHealthy(model: ComposeModel): Set<string> {
  const awaited = new Set<string>();
  for (const service of model.services) {
    const dependsOn = service.get(["depends_on"])?.value;
    if (!isRecord(dependsOn)) continue;
    for (const [name, entry] of Object.entries(dependsOn)) {
      const condition = isRecord(entry) ? entry["condition"] : undefined;
      if (typeof condition === "string" && knownTrimmed(condition) === "service_healthy") awaited.add(name);
    }
  }
  return awaited;
}

/** The image as Compose pulls it, or undefined when a variable without default names it. */
function imageName(service: ComposeService): string | undefined {
  const image = service.image;
  if (!image || typeof image.value !== "string") return undefined;
  return knownTrimmed(image.value);
}

export default defineRule<ComposeModel, HealthcheckOptions>({
  meta: {
    id: "require-healthcheck",
    kind: "compose",
    category: "best-practice",
    severity: "warning",
    docs: "Require Compose services to have a health check, and not to turn the image's check off.",
    presets: ["strict", "cis"],
    messages: {
      missing:
        "Service `{{service}}` has no `healthcheck:`, so Docker reports it as running even when it has hung, and `depends_on: {condition: service_healthy}` cannot wait for it; add e.g. `healthcheck: {test: [\"CMD\", \"/app\", \"healthcheck\"], interval: 30s}`, or, if its image defines a HEALTHCHECK, list the image in this rule's `imagesWithHealthcheck` option.",
      disabled:
        "Service `{{service}}` turns its health check off (`{{entry}}`), so a hung container still counts as running and the image's own HEALTHCHECK is dropped; remove it and define a check (`healthcheck: {test: [\"CMD\", …]}`), or allow deliberate opt-outs with this rule's `allowNone` option.",
      missingInBuild:
        "Service `{{service}}` has no health check: neither `healthcheck:` nor `{{dockerfile}}` (base image `{{image}}`) defines one, so Docker reports it as running even when it has hung; add a HEALTHCHECK to the Dockerfile (e.g. `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]`) or `healthcheck:` to the service.",
      noneInBuild:
        "Service `{{service}}` has no health check: `{{dockerfile}}` turns it off (`HEALTHCHECK NONE`, line {{line}}) and the service defines no `healthcheck:`; define one in either place, or allow deliberate opt-outs with this rule's `allowNone` option.",
      shellNone:
        "Service `{{service}}` sets `{{entry}}`: a string `test` is a shell command (CMD-SHELL), so Docker runs `/bin/sh -c {{command}}`, which fails and marks the container unhealthy; write a real check (`test: [\"CMD\", …]`), or `test: [\"NONE\"]` to turn the image's check off.",
      dropped:
        "`{{key}}: {{tag}}` drops the health check that `{{file}}` gives service `{{service}}`, so Docker reports it as running even when it has hung; remove `{{tag}}`, or define the `healthcheck:` here without it.",
    },
    options: HEALTHCHECK_OPTIONS,
    references: {
      kics: ["698ed579-b239-4f8f-a388-baa4bcb13ef8"],
      cis: ["5.27", "4.6"],
    },
  },
  check({ model, options, filePath, services, report }) {
    const awaitedHealthy = servicesAwaitedHealthy(model);
    for (const service of model.services) {
      if (service.healthcheck) {
        const off = optOut(service);
        // Compose reports a deployer's opt-out unless the user accepts them (`allowNone: true`);
        // a string `NONE` is no opt-out but a check that always fails.
        if (off && (off.kind === "shellNone" || options.allowNone !== true)) {
          report({ messageId: off.kind, data: { service: service.name, entry: off.entry, command: off.command ?? "" }, range: off.found.range });
        }
        continue;
      }
      // Missing: the file that defines the rest of the service (an override's base, an
      // extended service that cannot be read) may set it. A resolved `extends` is already
      // merged into the service.
      const ext = service.extends;
      // Another layer of the project that gives it a healthcheck (an opt-out is reported there).
      if ((ext && !ext.base) || otherLayerGives(model, service, givesHealthcheck)) continue;
      if (reportDroppedLayerValue(model, service, givesHealthcheck, report, "dropped") || completesAnotherFile(service, filePath)) continue;
      // Another service waits for it with `condition: service_healthy`, which Compose refuses for a
      // container without a check ("has no healthcheck configured"): its image has one (zipkin's
      // examples wait on openzipkin images that define HEALTHCHECK).
      if (awaitedHealthy.has(service.name)) continue;
      if (service.build) {
        // A built image's Dockerfile may have a HEALTHCHECK: judged only when it can be read.
        const build = serviceBuild(model, service, services);
        if (build.status !== "ok") continue;
        const check = buildHealthcheck(build);
        if (check.kind === "check") continue;
        if (check.kind === "none") {
          if (options.allowNone !== true) report({ messageId: "noneInBuild", data: { service: service.name, dockerfile: build.dockerfile, line: check.instruction.line }, range: service.keyRange });
          continue;
        }
        if (imageMatchesAny(check.image, options.imagesWithHealthcheck)) continue;
        report({ messageId: "missingInBuild", data: { service: service.name, dockerfile: build.dockerfile, image: check.image }, range: service.keyRange });
        continue;
      }
      const image = imageName(service);
      if (image !== undefined && imageMatchesAny(image, options.imagesWithHealthcheck)) continue;
      report({ messageId: "missing", data: { service: service.name }, range: service.keyRange });
    }
  },
});
