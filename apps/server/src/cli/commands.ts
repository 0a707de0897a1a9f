import { adminCreateCommand } from './admin';
import { auditVerifyCommand } from './audit';
import { backupCommand } from './backup';
import type { Command } from './command';
import { demoLoadCommand } from './demo';
import { incidentStatsRebuildCommand } from './incidents';
import { keysRotateCommand } from './keys';
import { migrateCommand } from './migrate';
import { restoreCommand } from './restore';
import { startCommand } from './start';
import { tokenCreateCommand } from './token';

export const commands: Command[] = [
  startCommand,
  migrateCommand,
  adminCreateCommand,
  tokenCreateCommand,
  demoLoadCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  keysRotateCommand,
  incidentStatsRebuildCommand,
];
