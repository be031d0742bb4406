import { classifyMessage } from '../nlu/intent-classifier.ts';
for (const t of process.argv.slice(2)) console.log(JSON.stringify(classifyMessage(t).map(c => [c.text, c.intent, +c.probability.toFixed(2)])));
