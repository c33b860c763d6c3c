import { describe, expect, it } from "vitest";
import type { Settings } from "../rule.js";
import type { OffsetRange } from "../source.js";
import type { ComposeModel } from "./model.js";
import { parseCompose } from "./parse.js";
import { dirOf, resolvePath, withoutDetour } from "./paths.js";

function model(text: string, files?: Record<string, string>, filePath = "compose.yaml", settings: Settings = {}): ComposeModel {
  const services = files ? { readFile: (path: string) => files[path] } : {};
  const result = parseCompose(text, { context: { filePath, services, settings } });
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return result.model;
}

function at(m: ComposeModel, range: OffsetRange): string {
  const { line, column } = m.source.positionAt(range[0]);
  return `${line}:${column} ${m.source.slice(range)}`;
}

function names(m: ComposeModel) {
  const project = m.project;
  if (!project) return undefined;
  return {
    services: [...project.services].sort(),
    networks: [...project.networks].sort(),
    volumes: [...project.volumes].sort(),
    secrets: [...project.secrets].sort(),
    configs: [...project.configs].sort(),
    complete: project.complete,
    files: project.files,
  };
}

describe("paths", () => {
  it.each([
    ["", "common.yml", "common.yml"],
    ["", "./common.yml", "common.yml"],
    ["sub/", "../common.yml", "common.yml"],
    ["", "../up/common.yml", "../up/common.yml"],
    ["a/b/", "../../../x.yml", "../x.yml"],
    ["", ".\\win\\common.yml", "win/common.yml"],
  ])("resolvePath(%j, %j) = %j", (dir, written, expected) => {
    expect(resolvePath(dir, written)).toBe(expected);
  });

  it.each(["/etc/compose.yml", "~/compose.yml", "C:\\compose.yml", "https://example.com/compose.yml", "oci://docker.io/x/y", "git@github.com:x/y.git", "remote:cycle/compose.yaml", " "])(
    "%j cannot be followed by a relative reader",
    (written) => {
      expect(resolvePath("", written)).toBeUndefined();
    },
  );

  it("dirOf", () => {
    expect(dirOf("a/b/c.yml")).toBe("a/b/");
    expect(dirOf("c.yml")).toBe("");
  });

  it.each([
    ["../adminer/Dockerfile", "/repo/laradock/adminer/compose.yml", "Dockerfile"],
    ["../adminer", "/repo/laradock/adminer/compose.yml", ""],
    ["../../laradock/adminer/x.env", "/repo/laradock/adminer/compose.yml", "x.env"],
    ["../php-fpm", "/repo/laradock/adminer/compose.yml", "../php-fpm"],
    ["../../repo/z", "/repo/laradock/adminer/compose.yml", "../../repo/z"],
    ["../../../a", "adminer/compose.yml", "../../../a"],
    ["../adminer/Dockerfile", undefined, "../adminer/Dockerfile"],
    ["api/Dockerfile", "/repo/compose.yaml", "api/Dockerfile"],
    ["..\\adminer", "C:\\repo\\adminer\\compose.yml", "..\\adminer"],
    ["../adminer/Dockerfile", "C:\\repo\\adminer\\compose.yml", "Dockerfile"],
  ])("withoutDetour(%j, %j) = %j", (path, filePath, expected) => {
    expect(withoutDetour(path, filePath)).toBe(expected);
  });
});

describe("the project directory of a file another one includes", () => {
  const parent = (include: string): Record<string, string> => ({ "../docker-compose.yml": `include:\n${include}` });
  const adminer = "/repo/laradock/adminer/compose.yml";
  it.each([
    ["with `project_directory: .`", "  - path: adminer/compose.yml\n    project_directory: .\n", "../"],
    ["with `project_directory: ./shared`", "  - path: adminer/compose.yml\n    project_directory: ./shared\n", "../shared/"],
    ["with `project_directory: adminer`, its own directory", "  - path: adminer/compose.yml\n    project_directory: adminer\n", ""],
    ["without `project_directory`", "  - adminer/compose.yml\n", ""],
    ["as the second file of a `path` list", "  - path: [base/compose.yml, adminer/compose.yml]\n", "../base/"],
    ["with `project_directory` from an unset variable", "  - path: adminer/compose.yml\n    project_directory: ${ROOT}\n", undefined],
    ["with `project_directory` from a variable's default", "  - path: adminer/compose.yml\n    project_directory: ${ROOT:-.}\n", "../"],
  ])("%s", (_name, include, expected) => {
    expect(model("services:\n  adminer:\n    build: .\n", parent(include), adminer).projectDirectory).toBe(expected);
  });

  it("a file nothing includes, or linted without a reader, is its own project directory", () => {
    expect(model("services: {}\n", { "../docker-compose.yml": "include:\n  - other/compose.yml\n" }, adminer).projectDirectory).toBe("");
    expect(model("services: {}\n", undefined, adminer).projectDirectory).toBe("");
  });

  it("paths resolve from it, without a detour out of the file's directory and back", () => {
    const m = model("services: {}\n", parent("  - path: adminer/compose.yml\n    project_directory: .\n"), adminer);
    expect(m.projectPath("./adminer")).toBe("");
    expect(m.projectPath("adminer/defaults.env")).toBe("defaults.env");
    expect(m.projectPath("./php-fpm")).toBe("../php-fpm");
    expect(m.projectPath("/srv/x")).toBeUndefined();
  });

  it("a later `-f` file takes the first file's directory", () => {
    const m = model("services: {}\n", { "../compose.yaml": "services: {}\n" }, "/repo/deploy/compose.ci.yaml", { composeFiles: ["../compose.yaml", "compose.ci.yaml"] });
    expect(m.projectDirectory).toBe("../");
    expect(m.projectPath("deploy/ci.env")).toBe("ci.env");
  });
});

describe("include", () => {
  const files: Record<string, string> = {
    "db/compose.yaml": "services:\n  db:\n    image: postgres:17\nvolumes:\n  pgdata:\ninclude:\n  - ../cache/compose.yaml\n",
    "cache/compose.yaml": "services:\n  redis:\n    image: redis:7\nnetworks:\n  backend:\nsecrets:\n  token:\n    file: ./token\nconfigs:\n  conf:\n    file: ./conf\n",
    "long.yaml": "services:\n  worker:\n    image: w:1\n",
    ".env.db": "A=1\n",
  };

  it("short and long syntax, nested includes relative to the included file, own names too", () => {
    const m = model("include:\n  - db/compose.yaml\n  - path: [long.yaml]\n    env_file: .env.db\nservices:\n  web:\n    image: nginx:1.27\n", files);
    expect(names(m)).toEqual({
      services: ["db", "redis", "web", "worker"],
      networks: ["backend"],
      volumes: ["pgdata"],
      secrets: ["token"],
      configs: ["conf"],
      complete: true,
      files: ["db/compose.yaml", "cache/compose.yaml", "long.yaml"],
    });
    expect(m.fileProblems).toEqual([]);
  });

  it("project_directory sets where the included file's own includes start", () => {
    const m = model("include:\n  - path: nested/inc.yaml\n    project_directory: db\n", {
      ...files,
      "nested/inc.yaml": "include:\n  - compose.yaml\n",
    });
    expect(names(m)?.services).toEqual(["db", "redis"]);
  });

  it("a missing, a broken and a nested missing include are problems at the include entry; names are incomplete", () => {
    const text = "include:\n  - missing.yaml\n  - broken.yaml\n  - path: outer.yaml\nservices:\n  web:\n    image: x\n";
    const m = model(text, { "broken.yaml": "a: [\n", "outer.yaml": "include:\n  - gone.yaml\n" });
    expect(m.project?.complete).toBe(false);
    expect(m.fileProblems?.map((p) => [p.kind, p.path, p.chain.join(" → "), p.nested, at(m, p.range)])).toEqual([
      ["unreadable", "missing.yaml", "compose.yaml → missing.yaml", false, "2:5 missing.yaml"],
      ["unparsable", "broken.yaml", "compose.yaml → broken.yaml", false, "3:5 broken.yaml"],
      ["unreadable", "gone.yaml", "compose.yaml → outer.yaml → gone.yaml", true, "4:11 outer.yaml"],
    ]);
    expect(m.fileProblems?.[1]?.detail).toMatch(/^YAML syntax error/);
  });

  it("include cycles are reported, never followed forever", () => {
    const m = model("include:\n  - a.yaml\n", { "a.yaml": "include:\n  - b/b.yaml\n", "b/b.yaml": "include:\n  - ../compose.yaml\n" });
    expect(m.fileProblems?.map((p) => [p.kind, p.chain.join(" → "), at(m, p.range)])).toEqual([
      ["cycle", "compose.yaml → a.yaml → b/b.yaml → compose.yaml", "2:5 a.yaml"],
    ]);
  });

  it("a file including itself, even without a reader", () => {
    const m = model("include:\n  - ./compose.yaml\n");
    expect(m.fileProblems?.map((p) => [p.kind, p.chain.join(" → ")])).toEqual([["cycle", "compose.yaml → compose.yaml"]]);
  });

  it("an include env_file that cannot be read", () => {
    const m = model("include:\n  - path: long.yaml\n    env_file: [.env.db, .env.missing]\n", files);
    expect(m.fileProblems?.map((p) => [p.kind, p.via, p.path, at(m, p.range)])).toEqual([["unreadable", "env_file", ".env.missing", "3:25 .env.missing"]]);
  });

  it("interpolated paths: defaults are followed, unset variables make the names incomplete", () => {
    const m = model("include:\n  - ${DB:-db/compose.yaml}\n  - ${OTHER}/compose.yaml\n", files);
    expect(names(m)?.services).toEqual(["db", "redis"]);
    expect(m.project?.complete).toBe(false);
    expect(m.fileProblems).toEqual([]);
  });

  it("remote includes are not followed and not reported", () => {
    const m = model("include:\n  - oci://docker.io/acme/stack:1\n", files);
    expect(m.project?.complete).toBe(false);
    expect(m.fileProblems).toEqual([]);
  });

  it("without a reader: names are this file's, marked incomplete, and nothing is reported", () => {
    const m = model("include:\n  - db/compose.yaml\nservices:\n  web:\n    image: x\n");
    expect(names(m)).toMatchObject({ services: ["web"], complete: false, files: [] });
    expect(m.fileProblems).toEqual([]);
  });

  it("a file with no include, not an override, has no project", () => {
    expect(model("services:\n  web:\n    image: x\n", files).project).toBeUndefined();
    expect(model("include: []\nservices:\n  web:\n    image: x\n", files).project).toBeUndefined();
  });
});

describe("override files and settings.composeFiles", () => {
  const base = "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\nnetworks:\n  front:\n";

  it.each(["compose.override.yaml", "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml"])(
    "%s reads its base for the project's names",
    (name) => {
      const m = model("services:\n  web:\n    ports: ['80:80']\n", { "docker-compose.yml": base }, `/srv/app/${name}`);
      expect(names(m)).toMatchObject({ services: ["db", "web"], networks: ["front"], complete: true, files: ["docker-compose.yml"] });
      expect(m.services[0]?.partial).toBe(true);
    },
  );

  it("the base is the first default file that exists, in docker compose's order", () => {
    const m = model("services: {}\n", { "compose.yml": "services:\n  a:\n    image: x\n", "docker-compose.yml": "services:\n  b:\n    image: x\n" }, "compose.override.yaml");
    expect(m.project?.files).toEqual(["compose.yml"]);
  });

  it("an override whose base cannot be found has incomplete names", () => {
    const m = model("services:\n  web:\n    ports: ['80:80']\n", {}, "compose.override.yaml");
    expect(names(m)).toMatchObject({ services: ["web"], complete: false, files: [] });
    expect(m.fileProblems).toEqual([]);
  });

  it("other names (compose.prod.yaml) are not guessed to be overrides", () => {
    expect(model("services:\n  web:\n    image: x\n", { "compose.yaml": base }, "compose.prod.yaml").project).toBeUndefined();
  });

  it("settings.composeFiles: the files before the linted one are its bases", () => {
    const files = { "compose.yaml": base, "compose.ci.yaml": "services:\n  tests:\n    image: t\n" };
    const settings = { composeFiles: ["compose.yaml", "./compose.ci.yaml", "compose.prod.yaml"] };
    const m = model("services:\n  web:\n    env_file: prod.env\n", { ...files, "prod.env": "A=1\n" }, "deploy/compose.prod.yaml", settings);
    expect(names(m)).toMatchObject({ services: ["db", "tests", "web"], complete: true, files: ["compose.yaml", "compose.ci.yaml"] });
    expect(m.fileProblems).toEqual([]);
    // The first file is not layered on anything.
    expect(model(base, files, "compose.yaml", settings).project).toBeUndefined();
  });

  it("settings.composeFiles: relative paths are read from the first file's directory (the project directory)", () => {
    const settings = { composeFiles: ["../compose.yaml", "compose.prod.yaml"] };
    const m = model("services:\n  web:\n    env_file: [prod.env]\n", { "../compose.yaml": base, "../prod.env": "A=1\n" }, "deploy/compose.prod.yaml", settings);
    expect(m.fileProblems).toEqual([]);
    expect(m.project?.services.has("db")).toBe(true);
  });
});

describe("env_file and label_file", () => {
  const text = [
    "services:", // 1
    "  web:", // 2
    "    image: x", // 3
    "    env_file: .env", // 4
    "  api:", // 5
    "    image: x", // 6
    "    env_file:", // 7
    "      - common.env", // 8
    "      - path: ./local.env", // 9
    "        required: false", // 10
    "      - path: secrets.env", // 11
    "      - ${ENV_FILE}", // 12
    "    label_file: [./app.labels]", // 13
    "",
  ].join("\n");

  it("entries that cannot be read, unless optional or interpolated from an unset variable", () => {
    const m = model(text, { "common.env": "A=1\n" });
    expect(m.fileProblems?.map((p) => [p.via, p.service, p.path, at(m, p.range)])).toEqual([
      ["env_file", "web", ".env", "4:15 .env"],
      ["env_file", "api", "secrets.env", "11:15 secrets.env"],
      ["label_file", "api", "app.labels", "13:18 ./app.labels"],
    ]);
  });

  it("nothing without a reader", () => {
    expect(model(text).fileProblems).toEqual([]);
  });

  it("entries inherited through extends are checked in the file that writes them", () => {
    const m = model("services:\n  web:\n    extends: {file: base/compose.yaml, service: app}\n", { "base/compose.yaml": "services:\n  app:\n    image: x\n    env_file: app.env\n" });
    expect(m.fileProblems).toEqual([]);
  });
});
