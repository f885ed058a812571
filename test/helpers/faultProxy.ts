import * as http from 'node:http';

export interface FaultRule {
  /** Which requests this rule may fail. */
  matches(req: { method: string; path: string }): boolean;
  /** How many matching requests to fail (Infinity: all of them). */
  times: number;
  status?: number;
  /**
   * Instead of failing, hold the request this long before passing it on (a slow network). A held
   * request whose client goes away (a killed host) is dropped, never delivered late.
   */
  delayMs?: number;
  /** Instead of failing, hold the request until this settles, then pass it on (a test decides when). */
  holdUntil?: Promise<unknown>;
  /** Instead of answering, drop the connection (a network reset). */
  reset?: boolean;
}

export interface FaultProxy {
  endpoint: string;
  /** Requests failed so far, per rule. */
  failed: number[];
  setRules(rules: FaultRule[]): void;
  stop(): Promise<void>;
}

/**
 * A real HTTP proxy in front of Azurite that answers chosen requests with a server error, the way
 * a storage account does under load. Everything else is passed through untouched.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let rules: FaultRule[] = [];
  let failed: number[] = [];
  const held = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const method = req.method ?? 'GET';
    const index = rules.findIndex((r, i) => failed[i]! < r.times && r.matches({ method, path }));
    const hold = index >= 0 ? rules[index]!.holdUntil : undefined;
    if (hold) {
      failed[index]!++;
      void hold.finally(() => pass(req, res, method)).catch(() => undefined);
      return;
    }
    if (index >= 0 && rules[index]!.delayMs) {
      failed[index]!++;
      const timer = setTimeout(() => {
        held.delete(timer);
        pass(req, res, method);
      }, rules[index]!.delayMs);
      held.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        held.delete(timer);
      });
      return;
    }
    if (index >= 0 && rules[index]!.reset) {
      failed[index]!++;
      req.socket.destroy();
      return;
    }
    if (index >= 0) {
      failed[index]!++;
      req.resume();
      req.on('end', () => {
        res.writeHead(rules[index]!.status ?? 503, { 'x-ms-error-code': 'ServerBusy', 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>Injected fault</Message></Error>');
      });
      return;
    }
    pass(req, res, method);
  });
  const pass = (req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get failed() {
      return failed;
    },
    setRules(next) {
      rules = next;
      failed = next.map(() => 0);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of held) clearTimeout(timer);
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
