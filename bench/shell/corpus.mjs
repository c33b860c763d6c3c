// Shell-form RUN regions of the Dockerfile corpus, shared by the shell benchmarks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Windows images: PowerShell/cmd scripts, not POSIX shell. */
export function isWindowsDockerfile(text) {
  return (
    /^[ \t]*#[ \t]*escape[ \t]*=[ \t]*`/im.test(text) ||
    /^[ \t]*SHELL[ \t]*\[[ \t]*"(?:powershell|pwsh|cmd)/im.test(text) ||
    /^[ \t]*FROM[ \t]+\S*(?:nanoserver|servercore|windows)/im.test(text)
  );
}

/**
 * Shell-form RUN script regions of a Dockerfile, found the way Docker reads
 * lines (continuations, comment lines inside them). RUNs with BuildKit
 * heredocs are left out: their body is not part of the RUN line.
 */
export function runRegions(text) {
  const out = [];
  const re = /^[ \t]*RUN[ \t]+/gim;
  let m;
  while ((m = re.exec(text)) !== null) {
    let start = m.index + m[0].length;
    // RUN flags (--mount=…, --network=…), possibly on continued lines.
    for (;;) {
      const f = /^--\S+(?:[ \t]|\\\r?\n)+/.exec(text.slice(start, start + 400));
      if (f === null) break;
      start += f[0].length;
    }
    let end = start;
    for (;;) {
      let nl = text.indexOf('\n', end);
      if (nl === -1) nl = text.length;
      const line = text.slice(end, nl).replace(/\r$/, '');
      const isCont = /\\[ \t]*$/.test(line) && !/^[ \t]*#/.test(line);
      const isSkip = end !== start && (/^[ \t]*#/.test(line) || /^[ \t]*$/.test(line));
      end = nl;
      if (nl >= text.length) break;
      if (!isCont && !isSkip) break;
      end = nl + 1;
    }
    const script = text.slice(start, end);
    if (script.startsWith('[') || /<<[-~]?['"]?\w/.test(script) || script.trim() === '') continue;
    out.push({ text, start, end });
  }
  return out;
}

function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files);
    else files.push(p);
  }
  return files;
}

/** All shell-form RUN regions ({ text, start, end, file }) of the corpus; Windows Dockerfiles are left out. */
export function loadCorpus(dir) {
  const regions = [];
  let windowsFiles = 0;
  if (!existsSync(dir)) return { regions, windowsFiles, found: false };
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    if (isWindowsDockerfile(text) || /windows/i.test(basename(file))) {
      windowsFiles++;
      continue;
    }
    for (const r of runRegions(text)) regions.push({ ...r, file });
  }
  return { regions, windowsFiles, found: true };
}
