import { page, withTexts } from './base';

const assetsRoute = page(
  '/assets',
  withTexts(['assets'], () => import('../modules/assets/AssetsPage')),
  'AssetsPage',
);
const assetSettingsRoute = page(
  '/assets/settings',
  withTexts(['assets'], () => import('../modules/assets/AssetSettingsPage')),
  'AssetSettingsPage',
);
const assetRoute = page(
  '/assets/$id',
  withTexts(['assets'], () => import('../modules/assets/AssetPage')),
  'AssetPage',
);

export const assetsRoutes = [assetsRoute, assetSettingsRoute, assetRoute] as const;
