import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from './load-scenarios.ts';

describe('parseScenarioFile', () => {
  it('reads a YAML list of scenarios with defaults filled in', () => {
    const [s] = parseScenarioFile(
      'x.yaml',
      `- id: track-order\n  suite: delivery\n  title: where is my order\n  customer: { auth: none }\n  turns: ["where is my parcel?"]\n  expect: {}\n`,
    );
    expect(s).toMatchObject({ id: 'track-order', adversarial: false, operator: 'none', world: { source: 'tau', overrides: [] }, expect: { noWrites: false, escalation: 'any' } });
  });

  it('names the file, the entry and the field of an invalid scenario', () => {
    expect(() => parseScenarioFile('bad.yaml', `- id: ok-one\n  suite: returns\n  title: fine one\n  customer: { auth: none }\n  turns: [hi]\n  expect: {}\n- id: Bad Id\n  suite: returns\n  title: bad one\n  customer: { auth: nobody }\n  turns: [hi]\n  expect: {}\n`)).toThrow(
      /bad\.yaml: entry 1 is invalid: id: .*customer\.auth: /,
    );
    expect(() => parseScenarioFile('none.yaml', `id: no-turns\nsuite: returns\ntitle: no turns\ncustomer: { auth: none }\nexpect: {}\n`)).toThrow(
      /none\.yaml: scenario is invalid: turns: a scenario needs scripted `turns` or a simulated `user`/,
    );
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseScenarioFile('broken.yaml', 'id: [unclosed')).toThrow(/broken\.yaml: not valid YAML/);
  });
});
