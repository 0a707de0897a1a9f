import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, onApiError, setReauthHandler } from './api/client';
import { Toasts } from './components/toasts';
import { i18nReady } from './i18n';
import { meKey, meQuery } from './modules/auth/api';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// One place for the session-wide reactions to the API: signed out → sign-in page; MFA required → My account.
onApiError((error) => {
  if (error.status === 401 && error.code === 'unauthenticated') queryClient.setQueryData(meKey, null);
  if (error.code === 'mfa-enrollment-required') void router.navigate({ to: '/account', search: { mfa: '1' } });
});

// A sensitive action that needs a recent sign-in: the re-authentication dialog (its own chunk, loaded when first asked).
setReauthHandler(() => import('./modules/auth/ReauthDialog').then((m) => m.askReauth()));

// Who is signed in, and the chunk of the page being opened, are fetched while the reader's catalogue loads,
// not one after the other once it has rendered.
void queryClient.prefetchQuery(meQuery);
for (const match of router.matchRoutes(router.latestLocation)) {
  const component = (router.routesById as Record<string, { options: { component?: unknown } } | undefined>)[match.routeId]
    ?.options.component as { preload?: () => Promise<void> } | undefined;
  void component?.preload?.().catch(() => undefined); // a chunk that fails to load is reported by the route itself
}

void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <Toasts />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
