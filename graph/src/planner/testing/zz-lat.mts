import { runConversation } from './conversation-runner.ts';
import { scriptedTasks } from './scripted-tasks.ts';
import { DeterministicChatModel } from '../deterministic-chat-model.ts';
let calls = 0; let ms = 0; const samples: number[] = [];
const orig = DeterministicChatModel.prototype.plan;
DeterministicChatModel.prototype.plan = function (m) { const t = performance.now(); const r = orig.call(this, m); const d = performance.now() - t; samples.push(d); calls++; ms += d; return r; };
for (const t of scriptedTasks) await runConversation(t.turns);
samples.sort((a, b) => a - b);
console.log('plan calls', calls, 'mean ms', (ms / calls).toFixed(2), 'p50', samples[Math.floor(calls * 0.5)]?.toFixed(2), 'p99', samples[Math.floor(calls * 0.99)]?.toFixed(2));
