/**
 * Everything a bench run starts registers how to stop it here, so that it is stopped at the end,
 * on error and on Ctrl-C / SIGTERM (a signal's default action would skip `finally` blocks).
 */
const stops: Array<() => unknown> = [];

/** Registers `stop`; returns a function that runs it now (once) and unregisters it. */
export function defer(stop: () => unknown): () => Promise<void> {
  let done = false;
  const once = () => {
    if (done) return undefined;
    done = true;
    return stop();
  };
  stops.push(once);
  return async () => {
    const at = stops.indexOf(once);
    if (at !== -1) stops.splice(at, 1);
    await once();
  };
}

/** Stops everything still registered, newest first; never throws. */
export async function stopAll(): Promise<void> {
  while (stops.length) {
    try {
      await stops.pop()!();
    } catch {
      // keep stopping the rest
    }
  }
}

let signalled = false;

/** A signal asked the run to stop: its partial results are not worth keeping. */
export const interrupted = (): boolean => signalled;
/** On SIGINT/SIGTERM/SIGHUP: stop everything, then exit 130. Repeated signals are ignored meanwhile. */
export function stopOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      console.error(`\n[bench] ${signal}: stopping what was started…`);
      const timer = setTimeout(() => process.exit(130), 10_000);
      void stopAll().finally(() => {
        clearTimeout(timer);
        process.exit(130);
      });
    });
  }
}
