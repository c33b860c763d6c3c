import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-disabled-tls-verification.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM node:20\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/corp.pem NODE_TLS_REJECT_UNAUTHORIZED=1\nRUN curl -fsSL --cacert /etc/ssl/certs/corp.pem https://example.com -o /tmp/x\n",
    { name: "values that keep verification on", code: "FROM python:3.12\nENV PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true\nARG NODE_TLS_REJECT_UNAUTHORIZED 666\nRUN npm config set strict-ssl true || false\n" },
    { name: "a build argument declared without a value", code: "FROM alpine:3.20\nARG GIT_SSL_NO_VERIFY\nARG PIP_TRUSTED_HOST\nARG NODE_TLS_REJECT_UNAUTHORIZED\n" },
    { name: "names that only contain a known one", code: "FROM alpine:3.20\nENV ASDFGIT_SSL_NO_VERIFY=1 NODE_TLS_REJECT_UNAUTHORIZEDLOL=0\nRUN PIP_TRUSTED_HOSTASDF=test pip install x\n" },
    { name: "a value that only looks like 0", code: "FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=\"0\\\"\" node app.js\n" },
    { name: "unset", code: "FROM alpine:3.20\nRUN unset GIT_SSL_NO_VERIFY && git clone https://example.com/r.git\n" },
    {
      name: "the options as text of other commands (Checkov's clean cases)",
      code: 'FROM alpine:3.20\nRUN curl https://example.com | grep -k lol\nRUN wget https://example.com; grep "--no-check-certificate" /etc/passwd\nRUN pip install checkov | grep "--trusted-host"\nRUN echo "--insecure" && echo "PIP_TRUSTED_HOST"\n',
    },
    { name: "curl options whose value looks like -k", code: "FROM alpine:3.20\nRUN curl -H -k https://example.com && curl -o -k https://example.com\n" },
    { name: "git sslVerify true", code: "FROM alpine:3.20\nRUN git config --global http.sslVerify true\n" },
    { name: "npm install of a package named strict-ssl", code: "FROM node:20\nRUN npm install strict-ssl false\n" },
    { name: "echo to the terminal writes no file", code: "FROM node:20\nRUN echo strict-ssl=false\n" },
  ],
  invalid: [
    {
      name: "curl -k in a short cluster and --insecure",
      code: "FROM alpine:3.20\nRUN curl -Lkv https://example.com\nRUN curl \\\n    --insecure \\\n    https://example.com\n",
      errors: [
        {
          messageId: "curlInsecure",
          message:
            "`curl -Lkv` turns off TLS certificate verification, so anyone on the network path can hand the build a different file; remove it, and if the server uses a private CA, trust that CA (`--cacert <file>` or the system store).",
          line: 2,
          column: 10,
          endColumn: 14,
        },
        { messageId: "curlInsecure", data: { option: "--insecure" }, line: 4, column: 5, endColumn: 15 },
      ],
    },
    {
      name: "wget --no-check-certificate and its wgetrc form",
      code: "FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com && wget -e check_certificate=off https://example.com\n",
      errors: [
        { messageId: "wgetNoCheck", data: { option: "--no-check-certificate" }, line: 2, column: 10, endColumn: 32 },
        { messageId: "wgetNoCheck", data: { option: "-e check_certificate=off" }, line: 2, column: 61, endColumn: 85 },
      ],
    },
    {
      name: "pip --trusted-host, python -m pip, pip config",
      code: "FROM python:3.12\nRUN pip install checkov --trusted-host pypi.org && python3 -m pip install --trusted-host=files.example.com x\nRUN pip config set global.trusted-host pypi.example.com\n",
      errors: [
        { messageId: "pipTrustedHost", data: { host: "pypi.org" }, line: 2, column: 25, endColumn: 48 },
        { messageId: "pipTrustedHost", data: { host: "files.example.com" }, line: 2, column: 75, endColumn: 107 },
        { messageId: "insecureSetting", data: { setting: "pip config set global.trusted-host pypi.example.com", tool: "pip" }, line: 3, column: 20, endColumn: 56 },
      ],
    },
    {
      name: "ENV and ARG, legacy form, build-argument values",
      code: "FROM node:20\nARG TLS=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=$TLS LOL=1\nENV PYTHONHTTPSVERIFY 0\nARG npm_config_strict_ssl=false\nENV GIT_SSL_NO_VERIFY ${GIT_SSL_NO_VERIFY}\nARG PIP_TRUSTED_HOST=pypi.internal\n",
      errors: [
        { messageId: "nodeTls", data: { name: "NODE_TLS_REJECT_UNAUTHORIZED", value: "0" }, line: 3, column: 5, endColumn: 38 },
        { messageId: "pythonHttpsVerify", data: { name: "PYTHONHTTPSVERIFY", value: "0" }, line: 4, column: 5, endColumn: 24 },
        { messageId: "npmStrictSslEnv", data: { name: "npm_config_strict_ssl", value: "false" }, line: 5, column: 5, endColumn: 32 },
        {
          messageId: "gitSslNoVerify",
          message:
            "`GIT_SSL_NO_VERIFY` is set, which turns off git's certificate verification whatever its value (even 0), so anyone on the network path can swap the sources; remove it and set `GIT_SSL_CAINFO=<file>` for a private CA.",
          line: 6,
          column: 5,
          endColumn: 43,
        },
        { messageId: "pipTrustedHostEnv", data: { name: "PIP_TRUSTED_HOST", value: "pypi.internal" }, line: 7, column: 5, endColumn: 35 },
      ],
    },
    {
      name: "RUN assignments, export and env (Checkov's shapes)",
      code: 'FROM node:20\nRUN ABC=123 echo test; GIT_SSL_NO_VERIFY=0 git clone https://example.com/r.git ;DEF=456 echo lol;\nRUN TEST_123="456" \\\n    NODE_TLS_REJECT_UNAUTHORIZED=\'0\' \\\n    node app.js\nRUN export NPM_CONFIG_STRICT_SSL=false && env PYTHONHTTPSVERIFY=0 python3 x.py\n',
      errors: [
        { messageId: "gitSslNoVerify", line: 2, column: 24, endColumn: 43 },
        { messageId: "nodeTls", line: 4, column: 5, endColumn: 37 },
        { messageId: "npmStrictSslEnv", line: 6, column: 12, endColumn: 39 },
        { messageId: "pythonHttpsVerify", line: 6, column: 47, endColumn: 66 },
      ],
    },
    {
      name: "npm and yarn config set in their spellings",
      code: "FROM node:20\nRUN npm config set strict-ssl false && npm set \"strict-ssl\"='false' && yarn config set strict-ssl false --global && npm c set strict-ssl false\n",
      errors: [
        { messageId: "npmStrictSslConfig", data: { command: "npm config set strict-ssl false", tool: "npm" }, line: 2, column: 20, endColumn: 36 },
        { messageId: "npmStrictSslConfig", line: 2, column: 48, endColumn: 68 },
        { messageId: "npmStrictSslConfig", data: { command: "yarn config set strict-ssl false", tool: "yarn" }, line: 2, column: 88, endColumn: 104 },
        { messageId: "npmStrictSslConfig", line: 2, column: 127, endColumn: 143 },
      ],
    },
    {
      name: "git config and git -c",
      code: "FROM alpine:3.20\nRUN git config --global http.sslVerify false && git -c http.https://example.com.sslVerify=false clone https://example.com/r.git\n",
      errors: [
        { messageId: "gitConfig", data: { setting: "git config http.sslVerify false" }, line: 2, column: 25, endColumn: 45 },
        { messageId: "gitConfig", data: { setting: "git -c http.https://example.com.sslVerify=false" }, line: 2, column: 56, endColumn: 96 },
      ],
    },
    {
      name: "other tools",
      code: "FROM debian:12\nRUN conda config --set ssl_verify false && composer config -g disable-tls true && helm repo add x https://example.com --insecure-skip-tls-verify && skopeo copy --src-tls-verify=false docker://a docker://b\nRUN mvn -B -Dmaven.wagon.http.ssl.insecure=true package\nENV GOINSECURE=git.internal\n",
      errors: [
        { messageId: "insecureSetting", data: { setting: "conda config --set ssl_verify false", tool: "conda" }, line: 2, column: 18, endColumn: 40 },
        { messageId: "insecureSetting", data: { setting: "composer config disable-tls true", tool: "Composer" }, line: 2, column: 63, endColumn: 79 },
        { messageId: "insecureSetting", data: { setting: "--insecure-skip-tls-verify", tool: "helm" }, line: 2, column: 119, endColumn: 145 },
        { messageId: "insecureSetting", data: { setting: "--src-tls-verify=false", tool: "skopeo" }, line: 2, column: 161, endColumn: 183 },
        { messageId: "insecureSetting", data: { setting: "-Dmaven.wagon.http.ssl.insecure=true", tool: "Maven" }, line: 3, column: 12, endColumn: 48 },
        { messageId: "insecureEnv", data: { name: "GOINSECURE", value: "git.internal", tool: "Go" }, line: 4, column: 5, endColumn: 28 },
      ],
    },
    {
      name: "settings written to config files",
      code: "FROM node:20\nRUN echo insecure >> ~/.curlrc && echo \"strict-ssl=false\" > .npmrc && printf '[global]\\ntrusted-host = pypi.internal\\n' > /etc/pip.conf\nRUN echo 'check_certificate = off' | tee -a /etc/wgetrc\n",
      errors: [
        { messageId: "insecureSetting", data: { setting: "insecure", tool: "curl" }, line: 2, column: 10, endColumn: 18 },
        { messageId: "insecureSetting", data: { setting: "strict-ssl=false", tool: "npm" }, line: 2, column: 40, endColumn: 58 },
        { messageId: "insecureSetting", data: { setting: "trusted-host = pypi.internal", tool: "pip" }, line: 2, column: 78, endColumn: 120 },
        { messageId: "insecureSetting", data: { setting: "check_certificate = off", tool: "wget" }, line: 3, column: 10, endColumn: 35 },
      ],
    },
    {
      name: "heredoc writing a config file, COPY heredoc",
      code: "FROM node:20\nRUN <<EOF\ncat > ~/.npmrc <<'RC'\nregistry=https://npm.internal/\nstrict-ssl=false\nRC\nEOF\nCOPY <<EOF /root/.gitconfig\n[http]\n\tsslVerify = false\nEOF\n",
      errors: [
        { messageId: "insecureSetting", data: { setting: "strict-ssl=false", tool: "npm" }, line: 5, column: 1, endColumn: 17 },
        { messageId: "insecureSetting", data: { setting: "sslVerify = false", tool: "git" }, line: 10, column: 2, endColumn: 19 },
      ],
    },
    {
      name: "exec form, ONBUILD, every stage",
      code: 'FROM alpine:3.20 AS fetch\nRUN ["curl", "-k", "-o", "/x", "https://example.com/x"]\nFROM alpine:3.20\nONBUILD ENV GIT_SSL_NO_VERIFY=true\nONBUILD RUN wget --no-check-certificate https://example.com\n',
      errors: [
        { messageId: "curlInsecure", line: 2, column: 14, endColumn: 18 },
        { messageId: "gitSslNoVerify", line: 4, column: 13, endColumn: 35 },
        { messageId: "wgetNoCheck", line: 5, column: 18, endColumn: 40 },
      ],
    },
    {
      name: "a Checkov skip hides only the messages of that check",
      code: "#checkov:skip=CKV2_DOCKER_2: internal mirror\nFROM alpine:3.20\nRUN curl -k https://mirror.internal/a && wget --no-check-certificate https://mirror.internal/b\n",
      errors: [{ messageId: "wgetNoCheck", line: 3, column: 47, endColumn: 69 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM alpine:3.20\nRUN curl -fsSL `\n    -k https://example.com -o /x\n",
      errors: [{ messageId: "curlInsecure", line: 4, column: 5, endColumn: 7 }],
    },
  ],
});
