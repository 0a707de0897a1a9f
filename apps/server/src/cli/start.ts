import type { Command } from './command';

export const startCommand: Command = {
  words: ['start'],
  args: '',
  summary: 'run the server (PORT, HOST, MAMORI_DATA_DIR or DATABASE_URL from the environment)',
  options: {},
  async run() {
    // main.ts is the process entry: it starts on import and drains on SIGTERM/SIGINT.
    await import('../main');
    return 'running';
  },
};
