/**
 * Servers told to drain before they close: readiness answers 503 (so load balancers and
 * Kubernetes stop sending new work) while every answer still goes out, with `Connection: close`
 * so keep-alive clients leave on their own instead of having idle sockets cut under them.
 */
const draining = new WeakSet<object>();

export function beginDraining(app: object): void {
  draining.add(app);
}

export function isDraining(app: object): boolean {
  return draining.has(app);
}
