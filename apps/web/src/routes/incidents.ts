import { page } from './base';

const incidentsRoute = page('/incidents', () => import('../modules/incidents/IncidentsPage'), 'IncidentsPage');
const incidentReportRoute = page('/incidents/report', () => import('../modules/incidents/ReportPage'), 'ReportPage');
const incidentStatsRoute = page('/incidents/stats', () => import('../modules/incidents/StatsPage'), 'StatsPage');
const incidentRoute = page('/incidents/$id', () => import('../modules/incidents/CasePage'), 'CasePage');

export const incidentsRoutes = [incidentsRoute, incidentReportRoute, incidentStatsRoute, incidentRoute] as const;
