/**
 * `npm run mutate [scope…]`: StrykerJS over each scope (all of them when none is named), then one
 * table of scores per module. Shared options are in stryker.config.json; a scope only names the
 * files it mutates and the fast, pure test files that judge them (the tap runner reruns a whole
 * test file per mutant, so slow HTTP suites would make a run take hours).
 * A scope whose test files do not exist yet is reported as pending, not run.
 *
 *   npm run mutate                      every scope
 *   npm run mutate engine flow          some scopes
 *   npm run mutate engine -- server/availability/intervals.ts   one scope, only the files named
 *   npm run mutate flow -- src/flow/flow.ts:1-250                 a line range of a file
 *   npm run mutate -- --partial         the scores so far of every run, finished or cut short
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Stryker } from '@stryker-mutator/core';

export const SCOPES = {
  engine: {
    mutate: ['server/availability/**/*.ts', '!server/availability/types.ts'],
    // The brute-force model first: it kills most mutants in about a second.
    testFiles: [
      'test/server/engine-mutants.test.ts',
      'test/server/engine-windows.test.ts',
      'test/server/engine-intervals.test.ts',
      'test/server/engine.test.ts',
    ],
  },
  // The adapter (configuration → engine request) has HTTP suites only (seconds per file): a slow scope.
  scheduling: {
    mutate: [
      'server/scheduling/configuration.ts',
      'server/scheduling/availability.ts',
      'server/scheduling/additional-fields.ts',
    ],
    testFiles: ['test/server/availability.test.ts', 'test/server/bookings.test.ts'],
  },
  // The operations called on a store directly; the HTTP suites over the same code (bookings,
  // concurrency: half a minute each) would make every surviving mutant cost a minute more.
  bookings: {
    mutate: ['server/scheduling/bookings.ts'],
    testFiles: ['test/server/booking-operations.test.ts'],
  },
  flow: {
    mutate: ['src/flow/**/*.ts'],
    testFiles: ['test/unit/flow*.test.ts'],
  },
};

/** Whether a test file pattern (a '*' only in its file name) matches a file. */
function matchesAFile(pattern) {
  const directory = dirname(pattern);
  if (!existsSync(directory)) return false;
  const name = new RegExp(`^${basename(pattern).replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
  return readdirSync(directory).some((file) => name.test(file));
}

const args = process.argv.slice(2);
// `npm run mutate -- --partial`: the scores of what runs (finished or cut short) have measured so far.
if (args.includes('--partial')) {
  const rows = readdirSync('reports/mutation')
    .filter((file) => file.endsWith('-partial.jsonl'))
    .map((file) => {
      const mutants = readFileSync(`reports/mutation/${file}`, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      return scoreRow(file.replace('-partial.jsonl', ''), mutants[0]?.fileName ?? '', mutants);
    });
  console.table(rows);
  process.exit(0);
}
const names = args.filter((arg) => !arg.includes('/'));
const onlyFiles = args.filter((arg) => arg.includes('/'));
const unknown = names.filter((name) => !(name in SCOPES));
if (unknown.length > 0) {
  console.error(`Unknown scope ${unknown.join(', ')}; scopes: ${Object.keys(SCOPES).join(', ')}`);
  process.exit(2);
}

/**
 * One Stryker run; its own incremental file, so a run cut short keeps what earlier runs measured,
 * and each mutant's result appended to `<label>-partial.jsonl` as soon as it is known.
 */
async function run(name, mutate, testFiles, label) {
  process.env.MUTATE_PARTIAL_FILE = `reports/mutation/${label}-partial.jsonl`;
  // A fresh clone has no reports/ yet: the first mutant's line would have nowhere to go.
  mkdirSync('reports/mutation', { recursive: true });
  rmSync(process.env.MUTATE_PARTIAL_FILE, { force: true });
  return new Stryker({
    configFile: 'stryker.config.json',
    mutate,
    tap: { testFiles },
    appendPlugins: [resolve('test/support/mutate-partial-reporter.mjs')],
    reporters: ['clear-text', 'progress', 'html', 'partial'],
    incrementalFile: `reports/mutation/${label}-incremental.json`,
    htmlReporter: { fileName: `reports/mutation/${label}.html` },
  }).runMutationTest();
}

/** The score row of one module's mutant results. */
function scoreRow(scope, module, mutants) {
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return {
    scope,
    module,
    killed,
    timeout,
    survived,
    noCoverage,
    score: valid === 0 ? 'n/a' : `${(((killed + timeout) / valid) * 100).toFixed(1)} %`,
  };
}

const rows = [];
for (const name of names.length > 0 ? names : Object.keys(SCOPES)) {
  const scope = SCOPES[name];
  const missing = scope.testFiles.filter((pattern) => !matchesAFile(pattern));
  if (missing.length > 0) {
    rows.push({ scope: name, module: `pending: no ${missing.join(', ')}` });
    continue;
  }
  const results = [];
  if (onlyFiles.length === 0) results.push(...(await run(name, scope.mutate, scope.testFiles, name)));
  // Named files run one at a time, each with its own incremental file.
  for (const file of onlyFiles) {
    results.push(...(await run(name, [file], scope.testFiles, `${name}-${basename(file, '.ts')}`)));
  }
  const modules = [...new Set(results.map((result) => result.fileName))].sort();
  for (const module of modules)
    rows.push(
      scoreRow(
        name,
        module,
        results.filter((result) => result.fileName === module),
      ),
    );
}
console.table(rows);
