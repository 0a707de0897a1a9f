/**
 * What other modules (the dashboard, reports) may use of the systems domain: read functions only, each taking the
 * reader's scope.
 */
export { assessmentRemediation } from './assessments/remediation';

export { systems } from './tables';
export { systemsByProducts, systemsChangedSince, type SystemProductRow } from './fsirt/products';
