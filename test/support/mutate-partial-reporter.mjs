/**
 * A Stryker reporter that appends each mutant's result to a JSON-lines file as soon as it is known
 * (`MUTATE_PARTIAL_FILE`), so a run cut short still tells what it measured. Stryker's own reports
 * (and its incremental file) are written only at the end of a run.
 */
import { appendFileSync } from 'node:fs';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

class PartialReporter {
  onMutantTested({ id, fileName, mutatorName, replacement, location, status }) {
    const file = process.env.MUTATE_PARTIAL_FILE;
    if (!file) return;
    appendFileSync(
      file,
      `${JSON.stringify({ id, fileName, mutatorName, replacement, line: location.start.line, status })}\n`,
    );
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'partial', PartialReporter)];
