import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { sha256Hex } from '../canonical-json.ts';
import { policyFileSchema, type PolicyFile, type PolicyRule } from './policy-schema.ts';
import { resolveEvidence, type ResolvedEvidence } from './policy-evidence.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The policy shipped with the kit, used when COMMERCE_POLICY_FILE is not set. */
export const DEFAULT_POLICY_FILE = resolve(here, '../../policy/default-policy.yaml');
/** Where the knowledge package keeps the store-policy documents rules cite. */
export const DEFAULT_POLICY_DOCS_DIR = resolve(here, '../../../../knowledge/policies');

export interface Policy {
  readonly source: string;
  /** "<version label>#<sha256 prefix of the file>": recorded with every decision. */
  readonly version: string;
  readonly file: PolicyFile;
  /** Evidence of each listed action class (and "*" for the default rule), resolved against the documents. */
  readonly evidence: ReadonlyMap<string, ResolvedEvidence[]>;
  /** Non-fatal findings, e.g. a cited document that is not there yet. */
  readonly warnings: readonly string[];
}

const INVALID_KEY = 'not a valid name here: action classes are lower-case dotted names like "order.cancel"; principal kinds are customer, agent, operator, service, admin';

export class PolicyFileError extends Error {
  constructor(source: string, problems: string[]) {
    super(`policy ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyFileError';
  }
}

export interface LoadPolicyOptions {
  /** Path of a YAML policy file; defaults to COMMERCE_POLICY_FILE, then the kit's default policy. */
  file?: string | undefined;
  /** YAML text instead of a file (tests, the API). */
  text?: string | undefined;
  docsDir?: string | undefined;
  /** Treat missing evidence documents/sections as errors (the `policy check` CLI). */
  strictEvidence?: boolean;
}

function problemsOf(text: string, source: string): { value?: unknown; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => `YAML syntax: ${e.message}`) };
  const value = doc.toJS() as unknown;
  if (value === null || typeof value !== 'object') return { problems: [`${source} must be a YAML mapping with version, default_rule and actions`] };
  return { value, problems: [] };
}

/**
 * approve_above above deny_above, checked for the rule and for what each principal kind gets (the rule with the kind's
 * override on top, as evaluatePolicy merges them): `deny_above: 100` with a customer `approve_above: 500` is refused.
 */
function thresholdProblems(path: string, rule: PolicyRule): string[] {
  const problems: string[] = [];
  const check = (where: string, approve: number | undefined, deny: number | undefined, merged: string) => {
    if (approve !== undefined && deny !== undefined && approve > deny) {
      problems.push(`${where}: approve_above (${approve}) is above deny_above (${deny})${merged}; amounts between would be refused before approval is considered`);
    }
  };
  check(path, rule.approve_above, rule.deny_above, '');
  for (const [kind, o] of Object.entries(rule.principals ?? {})) {
    if (!o || (o.approve_above === undefined && o.deny_above === undefined)) continue;
    const approve = o.approve_above ?? rule.approve_above;
    const deny = o.deny_above ?? rule.deny_above;
    const inherited = o.approve_above === undefined ? ' (approve_above from the rule)' : o.deny_above === undefined ? ' (deny_above from the rule)' : '';
    check(`${path}.principals.${kind}`, approve, deny, inherited);
  }
  return problems;
}

export function parsePolicy(text: string, source: string, options: Pick<LoadPolicyOptions, 'docsDir' | 'strictEvidence'> = {}): Policy {
  const { value, problems } = problemsOf(text, source);
  if (problems.length > 0) throw new PolicyFileError(source, problems);
  const parsed = policyFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new PolicyFileError(source, parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.code === 'invalid_key' ? INVALID_KEY : i.message}`));
  }
  const file = parsed.data;
  const semantic: string[] = [];
  const rules: [string, PolicyRule][] = [['default_rule', file.default_rule], ...Object.entries(file.actions).map(([k, r]) => [`actions.${k}`, r] as [string, PolicyRule])];
  for (const [path, rule] of rules) semantic.push(...thresholdProblems(path, rule));
  if (file.default_rule.autonomy === undefined) semantic.push('default_rule.autonomy: required (shadow | approve | auto)');
  if (semantic.length > 0) throw new PolicyFileError(source, semantic);
  const docsDir = options.docsDir ?? process.env.COMMERCE_POLICY_DOCS_DIR ?? DEFAULT_POLICY_DOCS_DIR;
  const evidence = new Map<string, ResolvedEvidence[]>();
  const warnings: string[] = [];
  for (const [path, rule] of rules) {
    const key = path === 'default_rule' ? '*' : path.slice('actions.'.length);
    const refs = [...(rule.evidence ?? []), ...Object.values(rule.principals ?? {}).flatMap((o) => o?.evidence ?? [])];
    const resolved = resolveEvidence(docsDir, refs);
    for (const e of resolved) {
      if (e.status !== 'found') warnings.push(`${path}: evidence ${e.doc}#${e.section}: ${e.status.replace('_', ' ')} in ${docsDir}`);
    }
    evidence.set(key, resolved);
  }
  if (options.strictEvidence && warnings.length > 0) throw new PolicyFileError(source, warnings);
  return { source, version: `${file.version}#${sha256Hex(text).slice(0, 8)}`, file, evidence, warnings };
}

/** Loads and validates the policy at start: a bad file stops the server with every problem listed. */
export function loadPolicy(options: LoadPolicyOptions = {}): Policy {
  if (options.text !== undefined) return parsePolicy(options.text, 'text', options);
  const path = options.file ?? process.env.COMMERCE_POLICY_FILE ?? DEFAULT_POLICY_FILE;
  if (!existsSync(path)) throw new PolicyFileError(path, [`the file does not exist (set COMMERCE_POLICY_FILE to a YAML policy, e.g. ${join('mcp-servers', 'kit', 'policy', 'default-policy.yaml')})`]);
  return parsePolicy(readFileSync(path, 'utf8'), path, options);
}
