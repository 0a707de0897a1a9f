import type { Module } from '../../platform/http/module';
import { classificationRoutes } from './classification/routes';
import { ledgerRoutes } from './ledger/routes';

/** The assets domain's routes: the classification settings and the ledger (take-outs and reviews add their own). */
export const assetsModule: Module = () =>
  async function assetsRoutes(app) {
    await app.register(classificationRoutes);
    await app.register(ledgerRoutes);
  };
