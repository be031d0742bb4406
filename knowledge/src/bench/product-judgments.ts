import type { CatalogProduct, CatalogVariant } from '../catalog/catalog-types.ts';
import { seededRandom } from '../catalog/synthetic-catalog.ts';

export type QueryKind = 'exact-name' | 'name-attributes' | 'paraphrase' | 'typo' | 'price' | 'category-attribute';

/** One judged query: graded relevance (0-3) of variants, derived from attribute matches. Unlisted variants are 0. */
export interface JudgedQuery {
  id: string;
  kind: QueryKind;
  query: string;
  relevance: Record<string, number>;
}

/** What a query asks for; relevance follows from it mechanically. */
interface Intent {
  products: CatalogProduct[];
  attributes: Record<string, string>;
  priceMax?: number;
}

/**
 * Grade of a variant for an intent: 0 if it is another product or breaks the price limit; otherwise 3 when it has
 * every asked attribute, 2 when it has some, 1 when it has none. With no attributes asked, every variant of the
 * product is a 2.
 */
export function grade(intent: Intent, variant: CatalogVariant): number {
  if (intent.priceMax !== undefined && variant.price > intent.priceMax) return 0;
  const asked = Object.entries(intent.attributes);
  if (asked.length === 0) return 2;
  const matched = asked.filter(([k, v]) => variant.options[k] === v).length;
  return matched === asked.length ? 3 : matched > 0 ? 2 : 1;
}

function judge(intent: Intent): Record<string, number> {
  const relevance: Record<string, number> = {};
  for (const product of intent.products) {
    for (const variant of product.variants) {
      const g = grade(intent, variant);
      if (g > 0) relevance[variant.variantId] = g;
    }
  }
  return relevance;
}

/** Everyday words for a product type that its catalog name does not use (paraphrase queries). */
const PARAPHRASES: Record<string, string> = {
  'T-Shirt': 'tee shirt', Laptop: 'laptop computer', 'Running Shoes': 'shoes for running', Smartphone: 'mobile phone smartphone',
  Backpack: 'rucksack backpack', 'Coffee Maker': 'machine that makes coffee', 'Water Bottle': 'bottle for water', 'Desk Lamp': 'lamp for my desk',
  Notebook: 'paper notebook', Sunglasses: 'sun glasses', Wristwatch: 'wrist watch', 'Electric Toothbrush': 'electric tooth brush',
  'Yoga Mat': 'mat for yoga', 'Bluetooth Speaker': 'portable bluetooth speaker', 'Gaming Mouse': 'mouse for gaming', 'Action Camera': 'camera for action sports',
  'Garden Hose': 'hose for the garden', 'Hiking Boots': 'boots for hiking', Tablet: 'tablet computer', 'E-Reader': 'ebook reader',
  'Portable Charger': 'portable battery charger', 'Indoor Security Camera': 'home security camera', 'Electric Kettle': 'electric water kettle',
  'Mechanical Keyboard': 'mechanical computer keyboard', 'Wireless Earbuds': 'wireless ear buds', 'Smart Thermostat': 'smart home thermostat',
  'Fleece Jacket': 'fleece coat jacket', 'Wall Clock': 'clock for the wall', 'Dumbbell Set': 'set of dumbbells', 'Pet Bed': 'bed for my pet',
  'Espresso Machine': 'machine for espresso', 'Cycling Helmet': 'bike helmet for cycling', 'LED Light Bulb': 'led bulb', 'Digital Camera': 'digital photo camera',
  Bookshelf: 'shelf for books', Bicycle: 'bicycle bike', Sneakers: 'casual sneakers', 'Office Chair': 'chair for the office',
  'Smart Watch': 'smartwatch', 'Tea Kettle': 'kettle for tea', 'Luggage Set': 'set of luggage suitcases', 'Patio Umbrella': 'umbrella for the patio',
  'Air Purifier': 'purifier for air', 'Makeup Kit': 'make up kit', Skateboard: 'skate board', 'Jigsaw Puzzle': 'jigsaw puzzle game',
  Grill: 'barbecue grill', Headphones: 'head phones', 'Vacuum Cleaner': 'vacuum for cleaning', Perfume: 'perfume fragrance',
};

/** A deterministic one-edit typo: drop, double, swap or replace one inner letter of the longest word. */
function typo(text: string, random: () => number): string {
  const words = text.split(' ');
  const index = words.reduce((best, w, i) => (w.length > (words[best] ?? '').length ? i : best), 0);
  const word = words[index] as string;
  const at = 1 + Math.floor(random() * Math.max(word.length - 2, 1));
  const kind = Math.floor(random() * 4);
  const letters = 'aeioustrn';
  const changed =
    kind === 0 ? word.slice(0, at) + word.slice(at + 1)
    : kind === 1 ? word.slice(0, at) + (word[at] ?? '') + word.slice(at)
    : kind === 2 ? word.slice(0, at - 1) + (word[at] ?? '') + (word[at - 1] ?? '') + word.slice(at + 1)
    : word.slice(0, at) + (letters[Math.floor(random() * letters.length)] as string) + word.slice(at + 1);
  words[index] = changed === word ? word.slice(0, at) + word.slice(at + 1) : changed;
  return words.join(' ');
}

const phrase = (name: string, value: string) => (/^\d/.test(value) || ['size', 'capacity', 'storage'].includes(name) ? `${value} ${name}` : value);

/** Builds the judged product query set from a catalog (deterministic for a seed). */
export function productJudgments(products: readonly CatalogProduct[], seed = 7): JudgedQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const queries: JudgedQuery[] = [];
  const add = (kind: QueryKind, query: string, intent: Intent) => {
    const relevance = judge(intent);
    if (Object.keys(relevance).length > 0) queries.push({ id: `${kind}-${queries.length + 1}`, kind, query, relevance });
  };
  const attributesOf = (variant: CatalogVariant, count: number): Record<string, string> => {
    const keys = Object.keys(variant.options).sort(() => random() - 0.5).slice(0, count);
    return Object.fromEntries(keys.map((k) => [k, variant.options[k] as string]));
  };
  for (const product of products) add('exact-name', product.name, { products: [product], attributes: {} });
  for (const product of products) {
    for (let n = 1; n <= 2; n++) {
      const attributes = attributesOf(pick(product.variants), n);
      const words = Object.entries(attributes).map(([k, v]) => phrase(k, v));
      add('name-attributes', `${words[0]} ${product.name}${words[1] ? ` ${words[1]}` : ''}`, { products: [product], attributes });
    }
  }
  for (const product of products) {
    const words = PARAPHRASES[product.name] ?? product.name.toLowerCase();
    const attributes = attributesOf(pick(product.variants), 1);
    add('paraphrase', `${Object.entries(attributes).map(([k, v]) => phrase(k, v))[0]} ${words}`, { products: [product], attributes });
  }
  for (const product of products) {
    const attributes = attributesOf(pick(product.variants), 1);
    add('typo', typo(`${product.name.toLowerCase()} ${Object.entries(attributes).map(([k, v]) => phrase(k, v))[0]}`, random), { products: [product], attributes });
  }
  for (const product of products) {
    const prices = product.variants.map((v) => v.price).sort((a, b) => a - b);
    const limit = Math.ceil(prices[Math.floor(prices.length / 2)] as number);
    add('price', `${product.name.toLowerCase()} under $${limit}`, { products: [product], attributes: {}, priceMax: limit });
  }
  const categories = [...new Set(products.map((p) => p.category))].sort();
  for (const category of categories) {
    const inCategory = products.filter((p) => p.category === category);
    const colors = [...new Set(inCategory.flatMap((p) => p.variants.map((v) => v.options.color)).filter((c): c is string => c !== undefined))].sort();
    if (colors.length === 0) continue;
    const color = pick(colors);
    add('category-attribute', `${color} ${category.toLowerCase()}`, { products: inCategory.filter((p) => p.variants.some((v) => v.options.color)), attributes: { color } });
  }
  return queries;
}
