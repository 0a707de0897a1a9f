import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the slowest test files at the end of a run, counting hooks (beforeAll: databases, demo loads) as well as
 * tests: the JSON reporter's times leave hooks out, and in this suite the hooks are most of the time. With
 * SLOWEST_FILES_OUT=<file> every file's time is also appended there as "seconds<TAB>project<TAB>path".
 */
export default class SlowestFiles implements Reporter {
  private readonly rows: { seconds: number; project: string; path: string }[] = [];

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const seconds = (d.duration + d.collectDuration + d.setupDuration) / 1000;
    this.rows.push({ seconds, project: module.project.name, path: module.relativeModuleId });
  }

  onTestRunEnd(): void {
    const rows = [...this.rows].sort((a, b) => b.seconds - a.seconds);
    const total = rows.reduce((n, r) => n + r.seconds, 0);
    process.stdout.write(`\nslowest test files (hooks included; ${total.toFixed(0)} s in all files):\n`);
    for (const r of rows.slice(0, 20)) process.stdout.write(`  ${r.seconds.toFixed(1).padStart(7)} s  ${r.project}  ${r.path}\n`);
    const out = process.env.SLOWEST_FILES_OUT;
    if (out) appendFileSync(out, rows.map((r) => `${r.seconds.toFixed(2)}\t${r.project}\t${r.path}\n`).join(''));
  }
}
