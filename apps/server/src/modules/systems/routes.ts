import type { Module } from '../../platform/http/module';
import { assessmentRoutes } from './assessments/routes';
import { coverageRoutes } from './coverage/routes';
import { fsirtRoutes } from './fsirt/routes';
import { inventoryRoutes } from './inventory/routes';
import { reviewRoutes } from './reviews/routes';

/**
 * The systems domain (issue #23): the inventory of IT, cloud and factory systems, device coverage imported from the
 * consoles with its gaps, the pre-use review of cloud services with the approved register, vulnerability assessments
 * and the FSIRT's production impacts and supplier-advisory matches.
 */
export const systemsModule: Module = (deps) =>
  async function systemsRoutes(app) {
    await app.register(inventoryRoutes);
    await app.register(coverageRoutes);
    await app.register(reviewRoutes);
    await app.register(assessmentRoutes(deps.config));
    await app.register(fsirtRoutes);
  };
