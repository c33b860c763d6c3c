import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-pipe-to-shell.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "0123456789abcdef  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
    { name: "curl writing to a file prints nothing into the pipe", code: "FROM debian:12\nRUN curl -fsSL -o /usr/local/bin/wp https://example.com/wp-cli.phar | bash\n" },
    { name: "wget without -O- writes a file", code: "FROM debian:12\nRUN wget https://example.com/install.sh | sh\n" },
    { name: "piping into a non-interpreter", code: "FROM debian:12\nRUN curl -fsSL https://example.com/a.tar.gz | tar xz && curl -fsSL https://example.com/key | gpg --dearmor -o /etc/apt/keyrings/x.gpg\n" },
    { name: "a shell given a script with -c reads no stdin", code: "FROM debian:12\nRUN curl -fsSL https://example.com/x | bash -c 'cat > /tmp/x'\n" },
    { name: "a shell given a file reads no stdin", code: "FROM debian:12\nRUN curl -fsSL https://example.com/x | sh ./local-script.sh\n" },
    { name: "the pipeline ends before the shell", code: "FROM debian:12\nRUN curl -fsSL https://example.com/x | tee /tmp/x && sh /tmp/x.verified\n" },
    { name: "python -m runs a module", code: "FROM python:3.12\nRUN curl -fsSL https://example.com/reqs.txt | python3 -m pip install -r /dev/stdin\n" },
    { name: "a local file: URL", code: "FROM debian:12\nRUN curl -fsS file:///tmp/setup.sh | sh\n" },
    { name: "a shell script in a quoted string is not parsed", code: "FROM debian:12\nRUN su app -c 'curl -fsSL https://example.com/x | sh'\n" },
    { name: "a command substitution that is not a download", code: "FROM debian:12\nRUN sh -c \"$(cat /tmp/setup.sh)\" && bash <(echo true)\n" },
  ],
  invalid: [
    {
      name: "curl | bash through sudo",
      code: "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n",
      errors: [
        {
          messageId: "pipe",
          message:
            "`curl https://deb.nodesource.com/setup_20.x | bash` runs whatever deb.nodesource.com sends at build time, unverified: a compromised server, mirror or proxy controls your image; download the script to a file, check its SHA-256 (`echo \"<sha256>  install.sh\" | sha256sum -c -`) or signature, then run it.",
          line: 2,
          column: 64,
          endColumn: 68,
        },
      ],
    },
    {
      name: "wget -O- | sh -s --, and through other pipeline elements",
      code: "FROM debian:12\nRUN wget -qO- https://get.example.com/i.sh | sh -s -- -y\nRUN curl -fsSL https://example.com/i.sh.gz | gunzip | bash\n",
      errors: [
        { messageId: "pipe", data: { downloader: "wget", url: "https://get.example.com/i.sh", interpreter: "sh", host: "get.example.com" }, line: 2, column: 46, endColumn: 48 },
        { messageId: "pipe", line: 3, column: 55, endColumn: 59 },
      ],
    },
    {
      name: "other interpreters reading stdin",
      code: "FROM php:8.3\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer\nRUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python3 - --no-cache-dir\nRUN curl -o- https://example.com/install.js | node\n",
      errors: [
        { messageId: "pipe", data: { downloader: "curl", url: "https://getcomposer.org/installer", interpreter: "php", host: "getcomposer.org" }, line: 2, column: 50, endColumn: 53 },
        { messageId: "pipe", line: 3, column: 54, endColumn: 61 },
        { messageId: "pipe", line: 4, column: 47, endColumn: 51 },
      ],
    },
    {
      name: "process and command substitution, eval",
      code: 'FROM debian:12\nRUN bash <(curl -s https://example.com/i.sh)\nRUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"\nRUN eval "$(wget -qO- https://example.com/env)"\n',
      errors: [
        { messageId: "substitution", data: { interpreter: "bash", construct: "<(curl https://example.com/i.sh)", host: "example.com" }, line: 2, column: 5, endColumn: 9 },
        { messageId: "substitution", line: 3, column: 5, endColumn: 7 },
        { messageId: "substitution", data: { interpreter: "eval", construct: '… "$(wget https://example.com/env)"', host: "example.com" }, line: 4, column: 5, endColumn: 9 },
      ],
    },
    {
      name: "into a subshell",
      code: "FROM debian:12\nRUN curl -fsSL https://example.com/i.sh | (cd /tmp && sh)\n",
      errors: [{ messageId: "pipe", line: 2, column: 55, endColumn: 57 }],
    },
    {
      name: "exec form sh -c and heredoc",
      code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSL https://example.com/a | sh"]\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/b | bash\nEOF\n',
      errors: [
        { messageId: "pipe", line: 2, column: 54, endColumn: 56 },
        { messageId: "pipe", line: 5, column: 36, endColumn: 40 },
      ],
    },
    {
      name: "ONBUILD, every stage",
      code: "FROM debian:12 AS tools\nRUN curl -fsSL https://example.com/a | sh\nFROM debian:12\nONBUILD RUN curl -fsSL https://example.com/b | sh\n",
      errors: [
        { messageId: "pipe", line: 2, column: 40, endColumn: 42 },
        { messageId: "pipe", line: 4, column: 48, endColumn: 50 },
      ],
    },
    {
      name: "escape directive and continuation lines",
      code: "# escape=`\nFROM debian:12\nRUN curl -fsSL https://example.com/a `\n    | bash\n",
      errors: [{ messageId: "pipe", line: 4, column: 7, endColumn: 11 }],
    },
  ],
});
