import { useRouter } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

/**
 * Replaces the location once per target path. TanStack's <Navigate> navigates again on every render with new
 * props; in a layout that reads the (pending) location that became an endless loop of navigations. The query
 * is read when the redirect fires and later changes to it are ignored for the same reason.
 */
export function Redirect({ to, query }: { to: string; query?: Record<string, string | undefined> }) {
  const router = useRouter();
  const fired = useRef<string | null>(null);
  const latestQuery = useRef(query);
  useEffect(() => {
    latestQuery.current = query;
  });
  useEffect(() => {
    if (fired.current === to) return;
    fired.current = to;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(latestQuery.current ?? {})) if (v) params.set(k, v);
    router.history.replace(params.size ? `${to}?${params}` : to);
  }, [router, to]);
  return null;
}
