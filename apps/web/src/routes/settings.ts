import { page, withTexts } from './base';

const settingsRoute = page(
  '/settings',
  withTexts(['settings', 'companies'], () => import('../modules/settings/SettingsPage')),
  'SettingsPage',
);
const nextStepsRoute = page(
  '/getting-started',
  withTexts(['settings'], () => import('../modules/settings/NextStepsPage')),
  'NextStepsPage',
);

export const settingsRoutes = [settingsRoute, nextStepsRoute] as const;
