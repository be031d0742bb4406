import { featuresOf, correctedTokens } from './features.ts';
import { actionIntents, conversationalIntents, type Intent } from './intents.ts';
import { NaiveBayes } from './naive-bayes.ts';
import { normalizeText, wordTokens } from './normalize.ts';
import { splitClauses } from './clauses.ts';
import { orderUtterances } from './utterances-orders.ts';
import { otherUtterances } from './utterances-other.ts';
import { Vocabulary } from './vocabulary.ts';
import { productNouns } from './product-nouns.ts';
import { carriesSlots } from '../slots/slot-presence.ts';
import { demoteMissedReports, refineDeliveryIntent } from './delivery-intent.ts';

export interface ClauseIntent {
  text: string;
  start: number;
  /** The most likely intent, or 'unclear' when the classifier is not confident or recognised nothing. */
  intent: Intent | 'unclear';
  probability: number;
}

/** Posterior below which a clause is reported as 'unclear' instead of guessed. */
export const confidenceFloor = 0.45;
/** Short clauses ("yes", "nope") have flat posteriors; a clear lead over the runner-up also counts as confident. */
export const marginRatio = 2.5;

/** Domain words that are not in the training utterances but must not be "corrected" into something else. */
const lexicon = [
  'visa', 'mastercard', 'amex', 'paypal', 'gift', 'card', 'credit', 'debit', 'refund', 'default', 'profile', 'account',
  'shipping', 'order', 'orders', 'address', 'street', 'avenue', 'road', 'drive', 'lane', 'suite', 'apartment', 'zip',
  'tomorrow', 'today', 'morning', 'afternoon', 'evening', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'week', 'mistake', 'needed', 'longer', 'coupon', 'points', 'loyalty', 'human', 'agent',
];

interface Model {
  vocabulary: Vocabulary;
  bayes: NaiveBayes<Intent>;
}

let model: Model | undefined;

/** Trains the classifier from the committed utterances on first use (a few milliseconds). */
export function intentModel(): Model {
  if (model) return model;
  const vocabulary = new Vocabulary();
  const sets = { ...orderUtterances, ...otherUtterances };
  for (const list of Object.values(sets)) for (const u of list ?? []) vocabulary.add(wordTokens(normalizeText(u)));
  vocabulary.add(lexicon);
  vocabulary.add(productNouns);
  const bayes = new NaiveBayes<Intent>();
  for (const intent of [...actionIntents, ...conversationalIntents]) {
    for (const u of sets[intent] ?? []) bayes.train(intent, featuresOf(correctedTokens(u, vocabulary)));
  }
  model = { vocabulary, bayes };
  return model;
}

/** Classifies one clause. */
export function classifyClause(text: string): { intent: Intent | 'unclear'; probability: number } {
  const { vocabulary, bayes } = intentModel();
  const tokens = correctedTokens(text, vocabulary);
  const prediction = bayes.predict(featuresOf(tokens));
  const runnerUp = prediction.ranked[1]?.probability ?? 0;
  const confident = prediction.probability >= confidenceFloor || prediction.probability >= marginRatio * runnerUp;
  if (prediction.knownWeight === 0 || !confident) {
    if (carriesSlots(text)) return { intent: 'provide_info', probability: prediction.probability };
    return { intent: 'unclear', probability: prediction.probability };
  }
  return { intent: refineAddressIntent(refineDeliveryIntent(prediction.label, text), tokens), probability: prediction.probability };
}

/** Classifies every clause of a customer message (multi-label for mixed requests). */
export function classifyMessage(text: string): ClauseIntent[] {
  return demoteMissedReports(splitClauses(text).map((clause) => ({ ...clause, ...classifyClause(clause.text) })));
}

const profileWords = new Set(['default', 'profile', 'account', 'file', 'saved', 'user', 'home']);
const orderWords = new Set(['order', 'ordervalue', 'shipping', 'shipment', 'package', 'parcel', 'deliver', 'delivery', 'redirect', 'reroute', 'send', 'ship']);

const changeWords = /^(chang|updat|modif|edit|set|replac|new|mov|wrong|correct|fix|different|switch)/;

/** "Ship it to my default address" names where an order goes; only a change word makes it a request to change one. */
function changeRequested(tokens: string[]): boolean {
  return tokens.some((t) => changeWords.test(t));
}

/**
 * The two address intents differ by one word ("default address" vs "order address"); when the clause names neither,
 * the classifier's pick is a coin toss, so it is reported as unclear and the dialogue asks which one is meant.
 */
function refineAddressIntent(intent: Intent, tokens: string[]): Intent | 'unclear' {
  if (intent !== 'modify_order_address' && intent !== 'change_default_address') return intent;
  const profile = tokens.some((t) => profileWords.has(t));
  const order = tokens.some((t) => orderWords.has(t) || orderWords.has(t.replace(/s$/, '')));
  if (profile && !order) return 'change_default_address';
  if (order && !profile) return 'modify_order_address';
  if (profile && order) return changeRequested(tokens) ? intent : 'provide_info';
  return 'unclear';
}
