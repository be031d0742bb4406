/**
 * Decides whether a customer's reply is an explicit yes to the action just described. Deliberately strict:
 * anything hedged, conditional, negated or about something else is not yes (the action is then cancelled).
 */
const AFFIRMATIONS = [
  'yes', 'y', 'yes please', 'yes pls', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'confirm', 'confirmed', 'i confirm',
  'go ahead', 'please go ahead', 'yes go ahead', 'do it', 'please do', 'please do it', 'proceed', 'please proceed',
  'that is correct', "that's correct", 'correct', 'sounds good', 'yes that is correct', "yes that's correct",
  'absolutely', 'of course', 'yes do it', 'yes proceed', 'yes confirm', 'i agree', 'agreed', 'approve', 'approved',
];
const FILLER = /\b(please|thanks|thank you|thx|sir|madam)\b/g;
const NEGATION = /\b(no|not|don't|dont|do not|never|cancel|stop|wait|hold on|but|however|instead|change|actually|unless|if|maybe|perhaps|what|why|how|which)\b|\?/;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z' ?]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const KNOWN = new Set(AFFIRMATIONS.map(normalise));
const KNOWN_WITHOUT_FILLER = new Set(AFFIRMATIONS.map((a) => normalise(a).replace(FILLER, '').replace(/\s+/g, ' ').trim()));

export function isExplicitYes(reply: string): boolean {
  const text = normalise(reply);
  if (text.length === 0 || text.length > 80) return false;
  if (NEGATION.test(text)) return false;
  if (KNOWN.has(text)) return true;
  const core = text.replace(FILLER, '').replace(/\s+/g, ' ').trim();
  if (KNOWN_WITHOUT_FILLER.has(core)) return true;
  // "yes, go ahead", "ok confirm": every clause is itself an affirmation.
  const parts = core.split(/ (?=yes|ok|okay|confirm|go ahead|proceed|do it|sure)/);
  return parts.length > 1 && parts.every((p) => KNOWN_WITHOUT_FILLER.has(p.trim()));
}
