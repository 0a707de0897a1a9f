import { rebuildIncidentStats } from '../modules/incidents/stats-rollup';
import type { Command } from './command';
import { describeTarget, withDatabase } from './db';

export const incidentStatsRebuildCommand: Command = {
  words: ['incidents', 'rebuild-stats'],
  args: '',
  summary: 'rewrite the incident statistics roll-up from the cases (repair; the database keeps it exact otherwise)',
  options: {},
  async run({ io, config }) {
    const cfg = config();
    const r = await withDatabase(cfg, ({ db }) => rebuildIncidentStats(db));
    io.out(
      `Rebuilt the incident statistics from ${r.cases} cases in ${describeTarget(cfg)}: ` +
        (r.wrong ? `${r.wrong} roll-up rows were wrong and are corrected` : 'it was already exact'),
    );
    return 0;
  },
};
