import { page, withTexts } from './base';

const documentsRoute = page(
  '/documents',
  withTexts(['documents'], () => import('../modules/documents/DocumentsPage')),
  'DocumentsPage',
);
const documentRoute = page(
  '/documents/$id',
  withTexts(['documents'], () => import('../modules/documents/DocumentPage')),
  'DocumentPage',
);
const documentEditRoute = page(
  '/documents/$id/edit',
  withTexts(['documents'], () => import('../modules/documents/DocumentEditPage')),
  'DocumentEditPage',
);

export const documentsRoutes = [documentsRoute, documentRoute, documentEditRoute] as const;
