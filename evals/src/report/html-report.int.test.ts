import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrialResult } from '../runner/run-scenarios.ts';
import { htmlReport } from './html-report.ts';
import { summarize } from './summarize.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const trial = (id: string, suite: string, passed: boolean): TrialResult => ({
  scenarioId: id,
  suite,
  adversarial: suite === 'adversarial',
  trial: 0,
  grade: { passed, failures: passed ? [] : ['oms/orders/#W1/status should equal "cancelled", is "pending"'], violations: [], unnecessaryEscalation: false },
  transcript: {
    escalated: false,
    turns: [
      {
        customer: 'Cancel <b>#W1</b> please',
        agent: 'I will cancel order #W1. Shall I go ahead?',
        toolCalls: [{ tool: 'cancel_pending_order', args: { order_id: '#W1' }, ok: false, write: true, error: { code: 'POLICY_DENIED', message: 'denied' } }],
        approvals: [],
        latencyMs: 12,
      },
    ],
  },
  changes: passed ? [] : [{ path: 'oms/orders/#W1/status', before: 'pending', after: 'pending (item modified)' }],
  latencyMs: 20,
  toolCalls: 1,
  turns: 1,
});

describe.skipIf(!existsSync(CHROMIUM))(`eval HTML report in a real browser (${CHROMIUM})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  it('shows totals, the suite table and expandable details of each failing trial, with no network access', async () => {
    const report = summarize([trial('returns-ok', 'returns', true), trial('returns-bad', 'returns', false), trial('adv-ok', 'adversarial', true)], { model: 'embedded', k: 1, trialsPerScenario: 1 });
    const file = join(await mkdtemp(join(tmpdir(), 'eval-report-')), 'report.html');
    await writeFile(file, htmlReport(report));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    expect(await page.textContent('#totals')).toContain('2 passed, 1 failed');
    expect(await page.locator('#suites tr').count()).toBe(3); // header + returns + adversarial
    expect(await page.locator('svg[role=img] rect').count()).toBeGreaterThanOrEqual(4);
    const details = page.locator('details');
    expect(await details.count()).toBe(1);
    expect(await details.locator('text=Cancel <b>#W1</b> please').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('text=Cancel <b>#W1</b> please').isVisible()).toBe(true); // escaped, not rendered as HTML
    expect(await details.locator('.diff').textContent()).toContain('oms/orders/#W1/status');
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });
});
