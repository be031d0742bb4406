import { normalizeText } from '../nlu/normalize.ts';

/** A day and/or a time window the customer asked for. Times are HH:MM on a 24-hour clock. */
export interface When {
  day?: string;
  window?: { start: string; end: string };
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const partsOfDay: Record<string, [string, string]> = {
  morning: ['08:00', '12:00'],
  afternoon: ['12:00', '17:00'],
  evening: ['17:00', '21:00'],
  noon: ['11:00', '14:00'],
};

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  const copy = new Date(date.getTime());
  copy.setUTCDate(copy.getUTCDate() + days);
  return copy;
}

/** The day named in the text ("tomorrow", "next tuesday", "on friday", "dec 5", "12/05", "2026-12-05"), relative to `now`. */
export function extractDay(text: string, now: Date): string | undefined {
  const t = normalizeText(text);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  if (/\bday after tomorrow\b/.test(t)) return isoDay(addDays(now, 2));
  if (/\btomorrow\b|\btmrw\b|\btmr\b/.test(t)) return isoDay(addDays(now, 1));
  if (/\btoday\b|\btonight\b/.test(t)) return isoDay(now);
  const weekday = new RegExp(`\\b(next )?(${weekdays.join('|')})\\b`).exec(t);
  if (weekday?.[2]) {
    const target = weekdays.indexOf(weekday[2]);
    let delta = (target - now.getUTCDay() + 7) % 7;
    if (delta === 0) delta = 7;
    return isoDay(addDays(now, delta));
  }
  const named = new RegExp(`\\b(${months.join('|')})[a-z]*\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(t);
  const numeric = /\b(\d{1,2})\/(\d{1,2})\b/.exec(t);
  const month = named ? months.indexOf(named[1] ?? '') : numeric ? Number(numeric[1]) - 1 : -1;
  const dayOfMonth = named ? Number(named[2]) : numeric ? Number(numeric[2]) : 0;
  if (month >= 0 && month < 12 && dayOfMonth >= 1 && dayOfMonth <= 31) {
    let candidate = new Date(Date.UTC(now.getUTCFullYear(), month, dayOfMonth));
    if (candidate.getTime() < Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) {
      candidate = new Date(Date.UTC(now.getUTCFullYear() + 1, month, dayOfMonth));
    }
    return isoDay(candidate);
  }
  return undefined;
}

function hour(value: string, meridiem: string | undefined, otherMeridiem?: string): number {
  let h = Number(value);
  const m = meridiem ?? otherMeridiem;
  if (m === 'pm' && h < 12) h += 12;
  if (m === 'am' && h === 12) h = 0;
  if (!m && h >= 1 && h <= 7) h += 12; // "between 2 and 4": business hours are afternoon
  return h;
}

const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The time window named in the text ("afternoon", "9-12", "between 2 and 4pm", "after 3pm", "before noon"). */
export function extractWindow(text: string): When['window'] {
  const t = normalizeText(text).replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\b/g, ' ');
  const range = /\b(?:between |from )?(\d{1,2})(?::00)?\s*(am|pm)?\s*(?:-|to|and|until|till)\s*(\d{1,2})(?::00)?\s*(am|pm)?\b/.exec(t);
  if (range?.[1] && range[3]) {
    const start = hour(range[1], range[2], range[4] === 'pm' && Number(range[1]) < Number(range[3]) ? 'pm' : range[2] ?? undefined);
    const end = hour(range[3], range[4], range[2]);
    if (start < end && end <= 24) return { start: pad(start), end: pad(end) };
  }
  const after = /\bafter (\d{1,2})\s*(am|pm)?\b/.exec(t);
  if (after?.[1]) return { start: pad(hour(after[1], after[2])), end: '21:00' };
  const before = /\bbefore (\d{1,2}|noon)\s*(am|pm)?\b/.exec(t);
  if (before?.[1]) return { start: '08:00', end: before[1] === 'noon' ? '12:00' : pad(hour(before[1], before[2])) };
  for (const [word, [start, end]] of Object.entries(partsOfDay)) if (new RegExp(`\\b${word}\\b`).test(t)) return { start, end };
  return undefined;
}

export function extractWhen(text: string, now: Date): When {
  const day = extractDay(text, now);
  const window = extractWindow(text);
  return { ...(day ? { day } : {}), ...(window ? { window } : {}) };
}

/** Quantity asked for ("2 lamps", "two", "a pair of"); undefined when none is said. */
export function extractQuantity(text: string): number | undefined {
  const t = normalizeText(text);
  const words: Record<string, number> = { one: 1, a: 1, an: 1, two: 2, pair: 2, couple: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
  const numeric = /\b(\d{1,3})\s*(?:x\b|units?|pieces?|of\b|[a-z]+s\b)/.exec(t);
  if (numeric?.[1]) return Number(numeric[1]);
  const worded = /\b(one|two|three|four|five|six|seven|eight|nine|ten|a pair|a couple)\b/.exec(t);
  if (worded?.[1]) return words[worded[1].replace(/^a /, '')];
  return undefined;
}

/** A money amount ("$25", "25 dollars", "25.50 usd"). */
export function extractAmount(text: string): number | undefined {
  const t = normalizeText(text);
  const match = /\$\s?(\d+(?:\.\d{1,2})?)|\b(\d+(?:\.\d{1,2})?)\s*(?:dollars|usd|bucks)\b/.exec(t);
  const value = match?.[1] ?? match?.[2];
  return value ? Number(value) : undefined;
}
