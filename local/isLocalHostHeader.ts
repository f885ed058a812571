/** Host names that mean this machine. */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a request's Host header names this machine (at the host's port, or with no port). The
 * local host listens on 127.0.0.1 only; a web page that rebinds its own domain name to 127.0.0.1
 * still sends that domain as Host, and is refused here.
 */
export function isLocalHostHeader(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/i.exec(host.trim().toLowerCase());
  if (!m) return false;
  return loopbackNames.has(m[1]!) && (m[2] === undefined || Number(m[2]) === port);
}
