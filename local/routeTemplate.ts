/**
 * Matches request paths against Azure Functions route templates: `runs/{runId}`, optional
 * `{file?}`, constrained `{id:int}` and catch-all `{*rest}` segments.
 */
export interface RouteMatcher {
  template: string;
  match(path: string): Record<string, string> | undefined;
}

export function compileRoute(template: string): RouteMatcher {
  const parts = template.replace(/^\/+|\/+$/g, '').split('/');
  let pattern = '';
  const names: string[] = [];
  for (const part of parts) {
    const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+(?:\([^)]*\))?)*(\?)?\}$/.exec(part);
    if (!param) {
      pattern += '/' + part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const [, catchAll, name, optional] = param;
    names.push(name!);
    const capture = catchAll ? '(.*)' : '([^/]+)';
    pattern += optional || catchAll ? `(?:/${capture})?` : `/${capture}`;
  }
  const regex = new RegExp(`^${pattern}/?$`, 'i');
  return {
    template,
    match(path: string) {
      const m = regex.exec(path.startsWith('/') ? path : '/' + path);
      if (!m) return undefined;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        const value = m[i + 1];
        if (value !== undefined) params[name] = decodeRouteValue(value);
      });
      return params;
    },
  };
}

/** Thrown for a route value whose percent-encoding is broken (`%zz`); the host answers 400. */
export class MalformedRouteError extends Error {
  override name = 'MalformedRouteError';
}

function decodeRouteValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedRouteError(`The path segment "${value.slice(0, 80)}" is not valid percent-encoding.`);
  }
}
