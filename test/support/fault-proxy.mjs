// A test-only proxy between the widget and the real local API that can inject faults the real
// API never produces on purpose: 5xx, a hang, a dropped connection, a body that is not JSON,
// JSON of the wrong shape, any status with headers, or the real answer late. Everything else
// passes through untouched.
import { createServer, request as httpRequest } from 'node:http';

/**
 * Rules: { method?, path (RegExp source, matched against the path and query), times (default 1),
 * action: 'status' | 'hang' | 'drop' | 'not-json' | 'wrong-shape' | 'delay', status?, headers?, body?,
 * ms? (delay: the request goes on to the API after that many milliseconds) }.
 */
export async function startFaultProxy(targetUrl) {
  const target = new URL(targetUrl);
  let rules = [];
  const log = [];

  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const rule = rules.find(
      (r) => (!r.method || r.method === req.method) && new RegExp(r.path).test(req.url) && r.times > 0,
    );
    const forward = () => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (rule && req.method !== 'OPTIONS' && rule.action === 'delay') {
      rule.times -= 1;
      return setTimeout(forward, rule.ms);
    }
    if (rule && req.method !== 'OPTIONS') {
      rule.times -= 1;
      const cors = {
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Expose-Headers': 'Retry-After',
      };
      req.resume();
      switch (rule.action) {
        case 'hang':
          return; // never answers
        case 'drop':
          return req.socket.destroy();
        case 'not-json':
          res.writeHead(rule.status ?? 200, { ...cors, 'Content-Type': 'text/html' });
          return res.end('<html><body>Bad gateway</body></html>');
        case 'wrong-shape':
          res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
          return res.end(JSON.stringify({ request_id: 'x', data: { unexpected: true } }));
        default:
          res.writeHead(rule.status, { ...cors, 'Content-Type': 'application/json', ...(rule.headers ?? {}) });
          return res.end(
            JSON.stringify(
              rule.body ?? { request_id: 'fault', error: { type: 'internal_error', message: 'Injected fault' } },
            ),
          );
      }
    }
    forward();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    setRules(next) {
      rules = next.map((rule) => ({ times: 1, ...rule }));
      log.length = 0;
    },
    /** Requests seen since the rules were last set. */
    log: () => [...log],
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A loopback port with nothing listening: connections to it are refused. */
export async function refusedPortUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
