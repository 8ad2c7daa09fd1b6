/** What the numbers were measured on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { chromiumPath } from '../test/support/chromium.mjs';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  chromium: string;
  chromiumPath: string;
  loadAverage: number[];
  date: string;
}

/** The CPU model: os.cpus() first, /proc/cpuinfo as a fallback (some VMs report a bare family). */
function cpuModel(): string {
  const fromOs = os.cpus()[0]?.model?.trim() ?? '';
  if (fromOs) return fromOs;
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1]!.trim();
  } catch {
    // not Linux
  }
  return 'unknown';
}

function chromiumVersion(path: string): string {
  try {
    // Debian's wrapper script may print shell noise on stderr; the version is on stdout.
    const out = execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 15_000,
    });
    return out.trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const path = chromiumPath();
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(path),
    chromiumPath: path,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}

export function machineHeader(m: Machine): string {
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}`,
    `Node ${m.node}; ${m.chromium} (${m.chromiumPath}); load average ${m.loadAverage.join(' ')}; ${m.date}`,
  ].join('\n');
}
