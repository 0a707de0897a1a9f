import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, onApiError } from './api/client';
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

// The toasts (container, store, transitions) are not needed for the first paint: they come in their own chunk.
// Import @mantine/notifications only dynamically (components/problem.tsx `notifySuccess`), or it joins the shell.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

// Who is signed in is asked while the reader's catalogue loads, not after it.
void queryClient.prefetchQuery(meQuery);

void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <Suspense fallback={null}>
          <Notifications position="bottom-right" />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
