#!/usr/bin/env node
// Electronegativity (@doyensec/electronegativity) over the Electron shell, as a check:
//   node scripts/electronegativity.mjs [folder]        (default: electron/)
// Exits 1 when a finding of MEDIUM severity or above is not justified, or a file cannot be parsed.
//
// A finding is justified by a comment on its line or the line just above it:
//   // electronegativity-justified: <why this is safe here>
// A finding of the whole app (a global check, with no file or line) by a comment anywhere in the folder:
//   // electronegativity-justified(CSP_GLOBAL_CHECK): <why>
// Electronegativity's own `eng-disable` comments are refused: they hide a finding without a reason.
//
// Runs offline and in a few seconds: the scanner's network lookups (translations, Electron
// release notes) are answered "offline" at once, and the Electron version comes from node_modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const justificationMarker = 'electronegativity-justified:';
const minimumReasonLength = 10;
/** Needs the network to read Electron's release notes; keeping Electron current is `npm outdated`'s job, not a code finding. */
const networkOnlyChecks = ['AvailableSecurityFixesGlobalCheck'];

/**
 * The reason given for a finding at `line` (1-based) of `sourceLines`, or null. The comment
 * may sit on the line itself or on the line above it.
 */
export function justificationFor(sourceLines, line) {
  return firstReason([sourceLines[line - 1], sourceLines[line - 2]], justificationMarker);
}

/** The reason after `marker` on the first of `lines` that gives one long enough, or null. */
function firstReason(lines, marker) {
  for (const line of lines) {
    if (line === undefined) continue;
    const at = line.indexOf(marker);
    if (at === -1) continue;
    const reason = line
      .slice(at + marker.length)
      .replace(/\*\/\s*$/, '')
      .trim();
    if (reason.length >= minimumReasonLength) return reason;
  }
  return null;
}

/** The reason given anywhere in `texts` for a finding of the whole app (no file, no line), or null. */
export function globalJustificationFor(texts, checkId) {
  const marker = `electronegativity-justified(${checkId}):`;
  return firstReason(
    texts.flatMap((text) => text.split(/\r?\n/)),
    marker,
  );
}

function isGlobalFinding(finding) {
  return finding.file === 'N/A' || !finding.location || finding.location.line < 1;
}

/** Splits findings into justified and unjustified ones; only MEDIUM and above are considered. */
export function judgeFindings(findings, readLines, scannedTexts = []) {
  const serious = findings.filter((finding) => finding.severity.value >= 2);
  const justified = [];
  const unjustified = [];
  for (const finding of serious) {
    const reason = isGlobalFinding(finding)
      ? globalJustificationFor(scannedTexts, finding.id)
      : justificationFor(readLines(finding.file), finding.location.line);
    (reason === null ? unjustified : justified).push({ ...finding, reason });
  }
  return { justified, unjustified };
}

/** Files that use `eng-disable`, which would hide findings from this check. */
export function engDisableUses(files, readText) {
  return files.filter((file) => /eng-disable/.test(readText(file)));
}

function offlineGot() {
  return Promise.reject(new Error('offline: the console check does not use the network'));
}
offlineGot.head = offlineGot;

/** Loads the scanner with its HTTP client replaced, so nothing it does touches the network. */
function loadScanner() {
  const scannerRoot = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [scannerRoot] });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offlineGot };
  return require('@doyensec/electronegativity');
}

async function scan(input) {
  const run = loadScanner();
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  // The scanner prints its own offline notices; they are noise here.
  const originalLog = console.log;
  console.log = () => undefined;
  try {
    return await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: networkOnlyChecks,
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: false,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = originalLog;
  }
}

async function main() {
  const input = resolve(root, process.argv[2] ?? 'electron');
  const result = await scan(input);
  const lines = new Map();
  const readText = (file) => readFileSync(file, 'utf8');
  const readLines = (file) => {
    if (!lines.has(file)) lines.set(file, readText(file).split(/\r?\n/));
    return lines.get(file);
  };
  const show = (file) => (file === 'N/A' ? '(whole app)' : relative(root, file));

  const parseErrors = result.errors.filter((error) => !error.tolerable);
  const scanned = listScanned(input);
  const { justified, unjustified } = judgeFindings(result.issues, readLines, scanned.map(readText));
  const hidden = engDisableUses(scanned, readText);

  for (const finding of justified) {
    const where = isGlobalFinding(finding) ? show(finding.file) : `${show(finding.file)}:${finding.location.line}`;
    process.stdout.write(`justified  ${finding.id} (${finding.severity.name}) ${where}: ${finding.reason}\n`);
  }
  for (const finding of unjustified) {
    process.stdout.write(
      `FINDING    ${finding.id} (${finding.severity.name}, ${finding.confidence.name}) ${show(finding.file)}${isGlobalFinding(finding) ? '' : `:${finding.location.line}:${finding.location.column}`}\n` +
        `           ${finding.description}\n           ${finding.shortenedURL}\n`,
    );
  }
  for (const error of parseErrors) process.stdout.write(`NOT SCANNED ${show(error.file)}: ${error.message}\n`);
  for (const file of hidden)
    process.stdout.write(
      `REFUSED    ${show(file)} uses eng-disable; justify the line with "// ${justificationMarker} <reason>" instead.\n`,
    );

  const failed = unjustified.length + parseErrors.length + hidden.length;
  process.stdout.write(
    `Electronegativity over ${relative(root, input) || '.'}/: ${result.atomicChecks + result.globalChecks} checks, ` +
      `${unjustified.length} unjustified finding(s) of medium severity or above, ${justified.length} justified` +
      `${parseErrors.length ? `, ${parseErrors.length} file(s) not scanned` : ''}.\n`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

function listScanned(input) {
  const files = [];
  const { readdirSync, statSync } = require('node:fs');
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(name)) files.push(path);
    }
  };
  walk(input);
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
