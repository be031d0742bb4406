import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scenarioSchema, SUITES, type Scenario, type SuiteName } from './schema.ts';

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ScenarioFileError';
  }
}

/** Parses one scenario file (YAML or JSON; one scenario or a list). Errors name the file, the entry and the field. */
export function parseScenarioFile(file: string, text: string): Scenario[] {
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ScenarioFileError(file, `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(cause as Error).message}`);
  }
  const entries = Array.isArray(data) ? data : [data];
  return entries.map((entry, index) => {
    const parsed = scenarioSchema.safeParse(entry);
    if (!parsed.success) {
      const where = Array.isArray(data) ? `entry ${index}` : 'scenario';
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new ScenarioFileError(file, `${where} is invalid: ${issues}`);
    }
    return parsed.data;
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f))).sort();
}

/** Loads every scenario of the named suite(s) under `root` (one folder per suite). Ids must be unique. */
export async function loadScenarios(root: string, suite: SuiteName | 'all'): Promise<Scenario[]> {
  const suites = suite === 'all' ? SUITES : [suite];
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const name of suites) {
    for (const file of await filesUnder(join(root, name)).catch(() => [] as string[])) {
      const shown = relative(process.cwd(), file);
      for (const scenario of parseScenarioFile(shown, await readFile(file, 'utf8'))) {
        if (scenario.suite !== name) throw new ScenarioFileError(shown, `scenario ${scenario.id} says suite "${scenario.suite}" but lives in ${name}/`);
        const previous = seen.get(scenario.id);
        if (previous) throw new ScenarioFileError(shown, `duplicate scenario id ${scenario.id} (also in ${previous})`);
        seen.set(scenario.id, shown);
        scenarios.push(scenario);
      }
    }
  }
  return scenarios;
}
