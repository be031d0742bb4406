import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy } from './load-policy.ts';

const valid = `
version: v1
default_rule: { autonomy: approve }
actions:
  order.return: { autonomy: auto, approve_above: 250, evidence: [{ doc: returns, section: return-window }] }
`;

describe('policy file', () => {
  it('loads the default policy shipped with the kit and versions it with a hash of the file', () => {
    const policy = loadPolicy();
    expect(policy.version).toMatch(/^2026-11-28\.1#[0-9a-f]{8}$/);
    expect(policy.file.actions['order.return']).toMatchObject({ autonomy: 'auto', approve_above: 10000 });
    expect(policy.warnings).toEqual([]);
  });

  it('lists every problem with its path and what is accepted', () => {
    const text = `
version: v1
default_rule: { autonomy: sometimes }
actions:
  order.return: { aprove_above: 250, velocity: { max: -1, days: 30 } }
  Bad Class: { autonomy: auto }
`;
    let message = '';
    try {
      parsePolicy(text, 'policy.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('policy policy.yaml is invalid:');
    expect(message).toMatch(/default_rule\.autonomy: Invalid option: expected one of "shadow"\|"approve"\|"auto"/);
    expect(message).toMatch(/actions\.order\.return: Unrecognized key: "aprove_above"/);
    expect(message).toMatch(/actions\.order\.return\.velocity\.max: Too small/);
    expect(message).toContain('actions.Bad Class: not a valid name here: action classes are lower-case dotted names like "order.cancel"');
  });

  it('refuses contradictory thresholds, YAML syntax errors and missing files', () => {
    expect(() => parsePolicy('version: v\ndefault_rule: { autonomy: auto, approve_above: 900, deny_above: 100 }', 'p')).toThrow(
      'default_rule: approve_above (900) is above deny_above (100)',
    );
    expect(() => parsePolicy('version: v\ndefault_rule: { autonomy: auto }\nactions:\n  order.return: { deny_above: 100, principals: { customer: { approve_above: 500 } } }', 'p')).toThrow(
      'actions.order.return.principals.customer: approve_above (500) is above deny_above (100) (deny_above from the rule)',
    );
    expect(() => parsePolicy('version: v\ndefault_rule: { autonomy: auto, approve_above: 900, principals: { agent: { deny_above: 50 } } }', 'p')).toThrow(
      'default_rule.principals.agent: approve_above (900) is above deny_above (50) (approve_above from the rule)',
    );
    expect(() => parsePolicy('version: [unclosed', 'p')).toThrow(/YAML syntax/);
    expect(() => parsePolicy('- a\n- b', 'p')).toThrow(/\(top level\)/);
    expect(() => loadPolicy({ file: '/nope/policy.yaml' })).toThrow(/the file does not exist \(set COMMERCE_POLICY_FILE/);
  });

  it('resolves cited sections to a document version, and warns (or fails when strict) when they are missing', () => {
    const docs = mkdtempSync(join(tmpdir(), 'policy-docs-'));
    mkdirSync(docs, { recursive: true });
    expect(parsePolicy(valid, 'p', { docsDir: docs }).warnings).toEqual([`actions.order.return: evidence returns#return-window: missing document in ${docs}`]);
    expect(() => parsePolicy(valid, 'p', { docsDir: docs, strictEvidence: true })).toThrow(/missing document/);
    writeFileSync(join(docs, 'returns.md'), '---\nid: returns\nversion: 2026.1\n---\n\n# Returns\n\n## Return window\n\nItems can be returned within 30 days.\n');
    const policy = parsePolicy(valid, 'p', { docsDir: docs });
    expect(policy.warnings).toEqual([]);
    expect(policy.evidence.get('order.return')).toEqual([{ kind: 'policy', doc: 'returns', section: 'return-window', version: '2026.1', hash: expect.stringMatching(/^sha256:[0-9a-f]{12}$/), status: 'found' }]);
  });

  it('bounds approval_ttl_minutes to whole minutes from 1 to 30 days', () => {
    const ttl = (value: string) => () => parsePolicy(`version: v\napproval_ttl_minutes: ${value}\ndefault_rule: { autonomy: auto }`, 'p', { docsDir: '/nonexistent' });
    expect(ttl('6e12')).toThrow('approval_ttl_minutes: must be at most 43200 minutes (30 days)');
    expect(ttl('1e300')).toThrow(/approval_ttl_minutes: must be at most 43200 minutes/);
    expect(ttl('1e-9')).toThrow('approval_ttl_minutes: must be a whole number of minutes');
    expect(ttl('0')).toThrow('approval_ttl_minutes: must be at least 1 minute');
    expect(ttl('43200')().file.approval_ttl_minutes).toBe(43_200);
  });
});
