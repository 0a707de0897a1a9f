import { usageOf } from './command';
import { commands } from './commands';

export function helpText(): string {
  const lines = commands.flatMap((c) => [`  ${usageOf(c).replace('usage: ', '')}`, `      ${c.summary}`]);
  return [
    'usage: mamori <command> [options]',
    '',
    'Commands:',
    ...lines,
    '  mamori help',
    '      this list; `mamori <command> --help` for one command',
    '',
    'Database: PostgreSQL when DATABASE_URL is set, else embedded PGlite in MAMORI_DATA_DIR (default ./data).',
    'Exit codes: 0 success, 1 failure (reason on stderr), 2 bad arguments.',
  ].join('\n');
}
