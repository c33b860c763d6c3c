import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./prefer-add-for-archives.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nADD app.tar.gz /opt/\n",
    { name: "copied but not extracted", code: "FROM debian:12\nCOPY busybox.tar /home/user/busybox.tar\nRUN chown -R user /home/user\n" },
    { name: "not an archive", code: "FROM debian:12\nCOPY package.json /usr/src/app\nRUN tar -xf package.json\n" },
    { name: "copied from another stage", code: "FROM debian:12\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n" },
    { name: "extracted in another stage", code: "FROM debian:12 AS a\nCOPY app.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/app.tar\n" },
    { name: "zip: ADD does not unpack it", code: "FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n" },
    { name: "tar lists, does not extract", code: "FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -tf /tmp/app.tar\n" },
    { name: "--strip-components: ADD cannot do that", code: "FROM debian:12\nCOPY node.tar.xz /tmp/\nRUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1\n" },
    { name: "only some members", code: "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz app/bin/tool\n" },
    { name: "to standard output", code: "FROM debian:12\nCOPY app.tgz /tmp/\nRUN tar -xzOf /tmp/app.tgz app/config > /etc/app.conf\n" },
    { name: "excluding files", code: "FROM debian:12\nCOPY app.tgz /tmp/\nRUN tar --exclude=docs -xzf /tmp/app.tgz -C /opt\n" },
    { name: "decompressed into a tar that strips components", code: "FROM debian:12\nCOPY node.tar.gz /tmp/\nRUN zcat /tmp/node.tar.gz | tar -x -C /usr/local --strip-components=1\n" },
    { name: "decompressed into something else than tar", code: "FROM debian:12\nCOPY dump.tar.gz /tmp/\nRUN zcat /tmp/dump.tar.gz | wc -c\n" },
    { name: "a different archive", code: "FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz\n" },
    { name: "extraction before the COPY", code: "FROM debian:12\nRUN tar -xf /tmp/app.tar || true\nCOPY app.tar /tmp/\n" },
    { name: "ONBUILD COPY then a plain RUN: the trigger runs later, in the child", code: "FROM debian:12\nONBUILD COPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar\n" },
  ],
  invalid: [
    {
      name: "hadolint's case",
      code: "FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "packaged-app.tar", tool: "tar", line: 3 }, line: 2, column: 6, endColumn: 22 }],
    },
    {
      name: "extracted later, after a WORKDIR, inside a longer script",
      code: "FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "packaged-app.tar", tool: "tar", line: 4 }, line: 2 }],
    },
    {
      name: "renamed by the COPY",
      code: "FROM debian:12\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "foo.tar", tool: "tar", line: 3 }, line: 2, column: 6, endColumn: 30 }],
    },
    {
      name: "old-style options and -C",
      code: "FROM debian:12\nCOPY app-1.2.tgz /tmp/\nRUN tar xzf /tmp/app-1.2.tgz -C /opt && rm /tmp/app-1.2.tgz\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app-1.2.tgz", tool: "tar", line: 3 }, line: 2 }],
    },
    {
      name: "long options",
      code: "FROM debian:12\nCOPY app.tar.bz2 /tmp/\nRUN tar --extract --bzip2 --file=/tmp/app.tar.bz2 --directory /opt\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app.tar.bz2", tool: "tar", line: 3 }, line: 2 }],
    },
    {
      name: "from standard input",
      code: "FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -x -C /opt < /tmp/app.tar\n",
      errors: [{ messageId: "copyThenExtract", line: 2 }],
    },
    {
      name: "decompressed first",
      code: "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN gunzip /tmp/app.tar.gz && tar -xf /tmp/app.tar -C /opt\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app.tar.gz", tool: "gunzip", line: 3 }, line: 2 }],
    },
    {
      name: "decompressed into a tar that unpacks everything",
      code: "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN zcat /tmp/app.tar.gz | tar -x -C /opt\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app.tar.gz", tool: "zcat", line: 3 }, line: 2 }],
    },
    {
      name: "xz -d",
      code: "FROM debian:12\nCOPY rootfs.tar.xz /\nRUN xz -d /rootfs.tar.xz\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "rootfs.tar.xz", tool: "xz", line: 3 }, line: 2 }],
    },
    {
      name: "heredoc RUN",
      code: "FROM debian:12\nCOPY app.tgz /tmp/\nRUN <<EOF\nset -e\ntar -xzf /tmp/app.tgz -C /opt\nEOF\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app.tgz", tool: "tar", line: 3 }, line: 2 }],
    },
    {
      name: "exec-form RUN",
      code: 'FROM debian:12\nCOPY app.tgz /tmp/\nRUN ["tar", "-xzf", "/tmp/app.tgz", "-C", "/opt"]\n',
      errors: [{ messageId: "copyThenExtract", line: 2 }],
    },
    {
      name: "the archive path in a variable",
      code: "FROM debian:12\nENV ARCHIVE=/tmp/app.tgz\nCOPY app.tgz /tmp/\nRUN tar -xzf $ARCHIVE -C /opt\n",
      errors: [{ messageId: "copyThenExtract", line: 3 }],
    },
    {
      name: "exec-form COPY",
      code: 'FROM debian:12\nCOPY ["dist/app.tgz", "/tmp/"]\nRUN tar -xzf /tmp/app.tgz\n',
      errors: [{ messageId: "copyThenExtract", line: 2, column: 7, endColumn: 21 }],
    },
    {
      name: "ONBUILD COPY and ONBUILD RUN",
      code: "FROM debian:12\nONBUILD COPY app.tar /tmp/\nONBUILD RUN tar -xf /tmp/app.tar\n",
      errors: [{ messageId: "copyThenExtract", line: 2, column: 14, endColumn: 21 }],
    },
    {
      name: "reported once per COPY",
      code: "FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar\nRUN tar -xf /tmp/app.tar -C /srv\n",
      errors: [{ messageId: "copyThenExtract", data: { archive: "app.tar", tool: "tar", line: 3 }, line: 2 }],
    },
    {
      name: "Windows paths with the default escape character (hadolint's case)",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"\n',
      errors: [{ messageId: "copyThenExtract", data: { archive: "bar.tar.gz", tool: "tar", line: 3 }, line: 2 }],
    },
    {
      name: "escape directive",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY build\\bar.tar.gz C:\\tmp\\\nRUN tar -xf C:\\tmp\\bar.tar.gz\n',
      errors: [{ messageId: "copyThenExtract", data: { archive: "bar.tar.gz", tool: "tar", line: 4 }, line: 3 }],
    },
  ],
});
