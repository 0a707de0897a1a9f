import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, page, str, withTexts } from './base';

const risksRoute = page(
  '/risks',
  withTexts(['risks'], () => import('../modules/risks/RisksPage')),
  'RisksPage',
);
const newRiskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/risks/new',
  validateSearch: (s: Record<string, unknown>) => ({ flowId: str(s.flowId), stepId: str(s.stepId), unitId: str(s.unitId) }),
  component: lazyRouteComponent(
    withTexts(['risks'], () => import('../modules/risks/RiskPage')),
    'NewRiskPage',
  ),
});
const riskRoute = page(
  '/risks/$id',
  withTexts(['risks'], () => import('../modules/risks/RiskPage')),
  'RiskPage',
);
const flowsRoute = page(
  '/business-flows',
  withTexts(['risks'], () => import('../modules/risks/FlowsPage')),
  'FlowsPage',
);
const flowRoute = page(
  '/business-flows/$id',
  withTexts(['risks'], () => import('../modules/risks/FlowPage')),
  'FlowPage',
);
const riskMethodRoute = page(
  '/risk-method',
  withTexts(['risks'], () => import('../modules/risks/MethodPage')),
  'MethodPage',
);

export const risksRoutes = [risksRoute, newRiskRoute, riskRoute, flowsRoute, flowRoute, riskMethodRoute] as const;
