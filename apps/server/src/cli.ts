/** The `mamori` command (bin/mamori.mjs runs this file through tsx). `mamori help` lists the commands. */
import { runCli } from './cli/run';

const code = await runCli(process.argv.slice(2));
if (code !== 'running') process.exitCode = code;
