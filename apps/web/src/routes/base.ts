import { createRootRoute, createRoute, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { AppLayout } from '../app/AppLayout';
import { loadCatalogues } from '../i18n/modules';

/**
 * What every route file needs. Each domain's routes are in routes/<module>.ts, named after the module folder its
 * pages live in, exported as arrays; router.tsx puts them in the tree. Import pages only lazily (docs/everyday-use.md).
 */

/**
 * A page's module and the domain catalogues its texts come from (modules/<domain>/i18n, i18n/modules.ts), fetched
 * together. The lists are written by apps/web/scripts/route-catalogues.py from the keys each page's files use; the
 * catalogue test checks every t() key exists somewhere, and the e2e sweep that no page shows a raw key.
 */
export const withTexts =
  <M>(domains: readonly string[], load: () => Promise<M>) =>
  () =>
    Promise.all([load(), loadCatalogues(domains)]).then(([m]) => m);

export const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export const rootRoute = createRootRoute({ component: Outlet });

/** Everything behind sign-in, inside the app shell. */
export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });

export const page = <P extends string>(path: P, load: () => Promise<Record<string, ComponentType>>, name: string) =>
  createRoute({ getParentRoute: () => appRoute, path, component: lazyRouteComponent(load, name) });
