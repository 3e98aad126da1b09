/**
 * Which Forge module of forge/manifest.yml may call each trigger route. A UI module's token (admin
 * page, issue panel) is the user's to spend — Custom UI picks the invokeRemote path in the browser —
 * so a trigger route accepts only the module whose endpoint Forge routes to it. Spelled once here;
 * tests/server/trigger-auth.test.ts holds it against the manifest.
 */
export const TRIGGER_ROUTE_MODULES: Readonly<Record<string, readonly string[]>> = {
  '/forge/events': ['zoho-connector-issue-events'],
  '/forge/lifecycle': ['zoho-connector-lifecycle'],
  '/forge/keepalive': ['zoho-connector-keepalive'],
  '/forge/pre-uninstall': ['zoho-connector-pre-uninstall'],
};

/** Null when the module may call the route, else the reason (logged; the caller gets a plain 401). */
export function triggerRouteRefusal(routeUrl: string | undefined, moduleKey: string | null): string | null {
  const allowed = routeUrl ? TRIGGER_ROUTE_MODULES[routeUrl] : undefined;
  if (!allowed) return `route ${routeUrl ?? '?'} is bound to no Forge trigger module`;
  if (!moduleKey || !allowed.includes(moduleKey)) {
    return `module ${moduleKey ?? '(none)'} may not call ${routeUrl}; only ${allowed.join(', ')}`;
  }
  return null;
}
