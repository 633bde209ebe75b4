/**
 * `/__admin/sso/...`: what the person does on the verification page, for tests and e2e specs that walk a
 * sign-in through the window. Served behind the admin routes' own checks (loopback callers only).
 *
 *   GET  /__admin/sso/sign-ins                          every device authorization: user code, state
 *   POST /__admin/sso/sign-ins/{userCode}/approve       the person confirms the code and allows access
 *   POST /__admin/sso/sign-ins/{userCode}/deny          the person cancels on the page
 *   POST /__admin/sso/sign-ins/{userCode}/slow-down     {"count": n}: the next n polls answer slow_down
 *
 * A device code expires on the emulator clock (`POST /__admin/clock {"advanceMs": 600000}`).
 */
import type { IdentityCenter } from './identity-center';

export const SSO_ADMIN_ROUTES = [
  'GET /__admin/sso/sign-ins',
  'POST /__admin/sso/sign-ins/{userCode}/approve|deny',
  'POST /__admin/sso/sign-ins/{userCode}/slow-down  {"count": n}',
];

/** The answer to an SSO admin route, or undefined when `path` is not one; throws on a bad request. */
export function ssoAdmin(
  sso: IdentityCenter,
  method: string,
  path: string,
  body: () => Record<string, unknown>,
): unknown {
  if (method === 'GET' && path === '/sso/sign-ins') return { signIns: sso.signIns() };
  const action = /^\/sso\/sign-ins\/([A-Za-z]{4}-[A-Za-z]{4})\/(approve|deny|slow-down)$/.exec(path);
  if (method !== 'POST' || !action) return undefined;
  const [, userCode = '', verb] = action;
  if (verb === 'slow-down') {
    const { count = 1 } = body();
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new Error('give {"count": n} with n >= 1');
    }
    return sso.slowDown(userCode, count);
  }
  return sso.decide(userCode, verb === 'approve' ? 'approve' : 'deny');
}
