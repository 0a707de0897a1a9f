import type { Config } from '../config';

/** Where a command writes: stdout for results, stderr for reasons. Injected so tests can capture. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export type OptionKind = 'required' | 'optional';

export interface CommandInput {
  options: Record<string, string | undefined>;
  io: Io;
  config: () => Config;
}

/** One `mamori` command. `run` returns the exit code, or 'running' when the process must stay up (start). */
export interface Command {
  words: string[];
  /** What follows the words in the usage line, e.g. `--email E --password P [--name N]`. */
  args: string;
  summary: string;
  options: Record<string, OptionKind>;
  run(input: CommandInput): Promise<number | 'running'>;
}

export const usageOf = (c: Command) => `usage: mamori ${c.words.join(' ')}${c.args ? ` ${c.args}` : ''}`;

/** A failure with a reason for the operator: `mamori: <reason>` on stderr, exit 1. */
export class CliError extends Error {}

/** Bad arguments: the reason and a usage line on stderr, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}
