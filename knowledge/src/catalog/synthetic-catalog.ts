import { categoryOf } from './categories.ts';
import type { CatalogProduct, CatalogVariant } from './catalog-types.ts';
import { describeProduct } from './describe-product.ts';

/** Small, fast, seedable PRNG (mulberry32): the same seed always yields the same catalog. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLORS = ['black', 'white', 'blue', 'red', 'green', 'grey', 'silver', 'navy', 'pink', 'brown'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const TEMPLATES: { type: string; price: [number, number]; options: Record<string, string[]> }[] = [
  { type: 'Headphones', price: [40, 400], options: { type: ['over-ear', 'on-ear', 'in-ear'], connectivity: ['wired', 'wireless'], color: COLORS } },
  { type: 'Wireless Earbuds', price: [30, 300], options: { color: COLORS, 'battery life': ['4 hours', '6 hours', '8 hours'], 'water resistance': ['IPX4', 'IPX7', 'not resistant'] } },
  { type: 'Bluetooth Speaker', price: [25, 350], options: { color: COLORS, 'battery life': ['10 hours', '20 hours'], 'water resistance': ['yes', 'no'] } },
  { type: 'Laptop', price: [500, 3000], options: { 'screen size': ['13-inch', '15-inch', '17-inch'], processor: ['i5', 'i7', 'i9'], ram: ['8GB', '16GB', '32GB'], storage: ['256GB SSD', '512GB SSD', '1TB SSD'], color: ['black', 'silver', 'space grey'] } },
  { type: 'Tablet', price: [150, 1200], options: { 'screen size': ['7-inch', '8-inch', '10-inch'], storage: ['32GB', '64GB', '128GB'], color: ['black', 'silver', 'gold'] } },
  { type: 'Smartphone', price: [200, 1400], options: { color: ['black', 'gold', 'rose gold', 'blue'], storage: ['64GB', '128GB', '256GB'], RAM: ['4GB', '6GB', '8GB'] } },
  { type: 'Smart Watch', price: [100, 600], options: { color: ['black', 'silver', 'gold'], 'band material': ['leather', 'metal', 'silicone'], display: ['AMOLED', 'LCD'] } },
  { type: 'T-Shirt', price: [10, 60], options: { color: COLORS, size: SIZES, material: ['cotton', 'polyester', 'linen'], style: ['crew neck', 'v-neck'] } },
  { type: 'Fleece Jacket', price: [50, 200], options: { size: SIZES, color: COLORS, zipper: ['full', 'half'] } },
  { type: 'Running Shoes', price: [60, 220], options: { size: ['7', '8', '9', '10', '11', '12'], color: COLORS, material: ['mesh', 'synthetic', 'leather'] } },
  { type: 'Hiking Boots', price: [90, 300], options: { size: ['7', '8', '9', '10', '11', '12'], material: ['leather', 'synthetic'], waterproof: ['yes', 'no'] } },
  { type: 'Backpack', price: [30, 250], options: { color: COLORS, size: ['small', 'medium', 'large'], material: ['nylon', 'polyester', 'leather'], compartment: ['laptop', 'camera', 'hydration'] } },
  { type: 'Coffee Maker', price: [40, 400], options: { color: ['black', 'white', 'stainless steel'], capacity: ['1 cup', '4 cups', '8 cups', '12 cups'], type: ['drip', 'espresso', 'french press'] } },
  { type: 'Electric Kettle', price: [20, 180], options: { capacity: ['1L', '1.5L', '2L'], material: ['glass', 'plastic', 'stainless steel'], color: ['black', 'white', 'silver'] } },
  { type: 'Water Bottle', price: [8, 60], options: { capacity: ['500ml', '750ml', '1000ml'], material: ['glass', 'plastic', 'stainless steel'], color: COLORS } },
  { type: 'Office Chair', price: [120, 900], options: { material: ['fabric', 'leather', 'mesh'], color: ['black', 'grey', 'blue', 'red'], armrest: ['adjustable', 'fixed', 'none'] } },
  { type: 'Desk Lamp', price: [20, 180], options: { color: ['black', 'white', 'silver'], brightness: ['low', 'medium', 'high'], 'power source': ['AC adapter', 'USB', 'battery'] } },
  { type: 'Vacuum Cleaner', price: [90, 900], options: { type: ['upright', 'canister', 'robotic'], 'bagged/bagless': ['bagged', 'bagless'], features: ['cordless', 'HEPA filter', 'pet hair removal'] } },
  { type: 'Yoga Mat', price: [15, 120], options: { thickness: ['4mm', '5mm', '6mm'], material: ['PVC', 'TPE', 'natural rubber'], color: COLORS } },
  { type: 'Bicycle', price: [300, 3000], options: { 'frame size': ['small', 'medium', 'large'], color: COLORS, type: ['road', 'mountain', 'hybrid'] } },
  { type: 'Cycling Helmet', price: [40, 250], options: { size: ['S', 'M', 'L'], color: COLORS, ventilation: ['low', 'medium', 'high'] } },
  { type: 'Grill', price: [150, 1500], options: { type: ['charcoal', 'gas', 'electric'], size: ['portable', 'medium', 'large'], features: ['none', 'rotisserie', 'side burner'] } },
  { type: 'Perfume', price: [30, 350], options: { 'scent family': ['fresh', 'woody', 'oriental', 'floral'], size: ['30ml', '50ml', '100ml'], gender: ['men', 'women', 'unisex'] } },
  { type: 'Jigsaw Puzzle', price: [10, 60], options: { pieces: ['500', '1000', '1500', '2000'], theme: ['animals', 'art', 'fantasy', 'landscape'], 'difficulty level': ['beginner', 'intermediate', 'expert'] } },
];
const BRAND_START = ['Nor', 'Vel', 'Aur', 'Kes', 'Lum', 'Mar', 'Oak', 'Pax', 'Quin', 'Ros', 'Sol', 'Tor', 'Ult', 'Ver', 'Wyn', 'Zen'];
const BRAND_END = ['dex', 'wind', 'ora', 'tek', 'ly', 'vale', 'ford', 'is', 'ion', 'mark', 'stone', 'wave'];
const LINES = ['Pro', 'Lite', 'Max', 'Classic', 'Trail', 'Urban', 'Studio', 'Sport', 'Compact', 'Ultra', 'Air', 'Prime', 'Eco', 'Travel', 'Home', 'Signature'];

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/**
 * A deterministic synthetic catalog of exactly `variantCount` variants (for benchmarks at 10k and 100k):
 * invented brands and product lines over realistic product types, 4–16 distinct option combinations each,
 * prices within the type's range, about 85% in stock.
 */
export function syntheticCatalog(variantCount: number, seed = 42): CatalogProduct[] {
  const random = seededRandom(seed);
  const products: CatalogProduct[] = [];
  let made = 0;
  for (let p = 0; made < variantCount; p++) {
    const template = pick(random, TEMPLATES);
    const name = `${pick(random, BRAND_START)}${pick(random, BRAND_END)} ${pick(random, LINES)} ${template.type}`;
    const productId = String(5_000_000_000 + p);
    const base = template.price[0] + random() * (template.price[1] - template.price[0]);
    const wanted = Math.min(4 + Math.floor(random() * 13), variantCount - made);
    const seen = new Set<string>();
    const variants: CatalogVariant[] = [];
    for (let attempt = 0; variants.length < wanted && attempt < wanted * 8; attempt++) {
      const options = Object.fromEntries(Object.entries(template.options).map(([option, values]) => [option, pick(random, values)]));
      const key = JSON.stringify(options);
      if (seen.has(key)) continue;
      seen.add(key);
      const price = Math.round(base * (0.9 + random() * 0.2) * 100) / 100;
      variants.push({ variantId: String(6_000_000_000 + made + variants.length), productId, options, price, available: random() < 0.85 });
    }
    made += variants.length;
    const { department, category } = categoryOf(template.type);
    products.push({ productId, name, category, department, description: describeProduct(name, category, variants), variants });
  }
  return products;
}
