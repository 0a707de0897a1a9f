import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config';
import { AppError } from '../platform/errors/app-error';
import { CliError, UsageError, usageOf, type Command, type Io } from './command';
import { commands } from './commands';
import { helpText } from './help';

export function processIo(): Io {
  // `mamori … | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
}

/** The command named by the leading words of argv (the longest match), and the rest of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const matches = commands.filter((c) => c.words.every((w, i) => argv[i] === w));
  const command = matches.sort((a, b) => b.words.length - a.words.length)[0];
  return command && { command, rest: argv.slice(command.words.length) };
}

function parseOptions(command: Command, rest: string[]): Record<string, string | undefined> | 'help' {
  const usage = usageOf(command);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.keys(command.options).map((name) => [name, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    // node's messages run on with advice about '--'; the first sentence is the reason.
    const message = err instanceof Error ? (err.message.split(/\.\s/)[0] ?? err.message) : String(err);
    throw new UsageError(message, usage);
  }
  if (parsed.values.help) return 'help';
  const options: Record<string, string | undefined> = {};
  for (const [name, kind] of Object.entries(command.options)) {
    const value = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (typeof value === 'string') options[name] = value;
    else if (kind === 'required') throw new UsageError(`missing --${name}`, usage);
  }
  return options;
}

/** One line per reason: configuration errors and aggregate errors come with several. */
function reasonOf(err: unknown): string[] {
  if (err instanceof AppError && err.code === 'validation' && err.errors?.length) return err.errors.map((e) => e.message);
  if (err instanceof AggregateError && !err.message) return reasonOf(err.errors[0]);
  const message = err instanceof Error ? err.message || (err as NodeJS.ErrnoException).code || err.name : String(err);
  return [
    message
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' '),
  ];
}

/** Runs `mamori <argv>`: the exit code (0, 1 failure, 2 bad arguments), or 'running' for the server. */
export async function runCli(argv: string[], io: Io = processIo()): Promise<number | 'running'> {
  if (argv.length === 0) {
    io.err(helpText());
    return 2;
  }
  if (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText());
    return 0;
  }
  try {
    const found = findCommand(argv);
    if (!found)
      throw new UsageError(
        `unknown command '${argv.filter((a, i) => i < 2 && !a.startsWith('-')).join(' ')}'`,
        'usage: mamori <command> [options]; mamori help lists them',
      );
    const options = parseOptions(found.command, found.rest);
    if (options === 'help') {
      io.out(`${usageOf(found.command)}\n  ${found.command.summary}`);
      return 0;
    }
    let config: Config | undefined;
    return await found.command.run({ options, io, config: () => (config ??= loadConfig(io.env)) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`mamori: ${err.message}`);
      io.err(err.usage);
      return 2;
    }
    for (const line of reasonOf(err)) io.err(`mamori: ${line}`);
    if (!(err instanceof CliError || err instanceof AppError) && io.env.MAMORI_DEBUG === '1')
      io.err(String((err as Error).stack));
    return 1;
  }
}
