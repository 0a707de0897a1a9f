import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, rootRoute, str } from './base';

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  component: lazyRouteComponent(() => import('../modules/auth/SetupPage'), 'SetupPage'),
});
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  // sso_error: why a single sign-on came back here (the server's callback sets it); state: an OIDC provider's logout
  // sending the browser back (post_logout_redirect_uri)
  validateSearch: (s: Record<string, unknown>): { redirect: string | undefined; sso_error?: string; state?: string } => ({
    redirect: str(s.redirect),
    ...(str(s.sso_error) ? { sso_error: str(s.sso_error) } : {}),
    ...(str(s.state) ? { state: str(s.state) } : {}),
  }),
  component: lazyRouteComponent(() => import('../modules/auth/SignInPage'), 'SignInPage'),
});
const myAccountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  validateSearch: (s: Record<string, unknown>) => ({ mfa: str(s.mfa) }),
  component: lazyRouteComponent(() => import('../modules/auth/MyAccountPage'), 'MyAccountPage'),
});

export const authPublicRoutes = [setupRoute, signInRoute] as const;
export const authRoutes = [myAccountRoute] as const;
