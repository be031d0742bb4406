/** Product types the generator draws from: option dimensions and a unit price range in USD. */
export interface ProductTemplate {
  name: string;
  options: Record<string, readonly string[]>;
  price: readonly [number, number];
}

const COLORS = ['black', 'white', 'blue', 'red', 'green', 'gray', 'purple', 'yellow'] as const;

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  { name: 'T-Shirt', options: { color: COLORS, size: ['S', 'M', 'L', 'XL', 'XXL'], material: ['cotton', 'polyester'], style: ['crew neck', 'v-neck'] }, price: [15, 60] },
  { name: 'Water Bottle', options: { capacity: ['500ml', '750ml', '1000ml'], material: ['glass', 'plastic', 'stainless steel'], color: COLORS }, price: [12, 55] },
  { name: 'Office Chair', options: { material: ['fabric', 'leather', 'mesh'], color: ['black', 'gray', 'blue'], armrest: ['fixed', 'adjustable', 'none'] }, price: [120, 520] },
  { name: 'Running Shoes', options: { size: ['7', '8', '9', '10', '11', '12'], color: COLORS, material: ['mesh', 'synthetic', 'leather'] }, price: [60, 220] },
  { name: 'Backpack', options: { color: COLORS, size: ['small', 'medium', 'large'], material: ['nylon', 'polyester', 'leather'] }, price: [25, 190] },
  { name: 'Desk Lamp', options: { color: ['black', 'white', 'silver'], brightness: ['low', 'medium', 'high'], 'power source': ['USB', 'AC adapter', 'battery'] }, price: [18, 160] },
  { name: 'Headphones', options: { type: ['over-ear', 'on-ear', 'in-ear'], connectivity: ['wired', 'wireless'], color: ['black', 'white', 'blue', 'red'] }, price: [25, 380] },
  { name: 'Coffee Maker', options: { color: ['black', 'stainless steel', 'white'], capacity: ['1 cup', '4 cups', '8 cups', '12 cups'], type: ['drip', 'espresso', 'french press'] }, price: [30, 450] },
  { name: 'Yoga Mat', options: { thickness: ['4mm', '6mm', '8mm'], material: ['PVC', 'natural rubber', 'TPE'], color: COLORS }, price: [15, 120] },
  { name: 'Smart Watch', options: { color: ['black', 'silver', 'gold', 'rose gold'], band: ['silicone', 'leather', 'metal'], display: ['LCD', 'AMOLED'] }, price: [90, 520] },
  { name: 'Bluetooth Speaker', options: { color: COLORS, 'battery life': ['10 hours', '20 hours', '30 hours'], 'water resistance': ['yes', 'no'] }, price: [25, 300] },
  { name: 'Electric Kettle', options: { capacity: ['1L', '1.5L', '2L'], material: ['plastic', 'glass', 'stainless steel'], color: ['black', 'white', 'silver'] }, price: [20, 160] },
  { name: 'Hiking Boots', options: { size: ['7', '8', '9', '10', '11', '12'], material: ['leather', 'synthetic'], waterproof: ['yes', 'no'] }, price: [80, 280] },
  { name: 'Sunglasses', options: { 'frame color': ['black', 'brown', 'silver', 'gold'], 'lens color': ['gray', 'green', 'blue', 'brown'], 'lens type': ['polarized', 'non-polarized'] }, price: [20, 260] },
  { name: 'Wireless Earbuds', options: { color: ['black', 'white', 'blue'], 'battery life': ['4 hours', '6 hours', '8 hours'], 'water resistance': ['IPX4', 'IPX7', 'none'] }, price: [30, 280] },
  { name: 'Mechanical Keyboard', options: { 'switch type': ['linear', 'tactile', 'clicky'], backlight: ['none', 'white', 'RGB'], size: ['full size', '80%', '60%'] }, price: [45, 260] },
  { name: 'Gaming Mouse', options: { color: ['black', 'white', 'RGB'], sensor: ['optical', 'laser'], connectivity: ['wired', 'wireless'] }, price: [20, 160] },
  { name: 'Notebook', options: { size: ['A4', 'A5', 'A6'], cover: ['hard', 'soft'], ruling: ['lined', 'dotted', 'blank'] }, price: [5, 40] },
  { name: 'Air Purifier', options: { 'room size': ['small', 'medium', 'large'], 'filter type': ['HEPA', 'carbon', 'ionic'], features: ['quiet operation', 'smart sensors', 'night mode'] }, price: [70, 520] },
  { name: 'Skateboard', options: { 'deck material': ['maple', 'bamboo', 'plastic'], length: ['28 inch', '31 inch', '34 inch'], design: ['plain', 'graphic', 'custom'] }, price: [40, 240] },
  { name: 'Tea Kettle', options: { material: ['ceramic', 'glass', 'stainless steel'], capacity: ['1 liter', '1.5 liters', '2 liters'], 'stovetop compatibility': ['gas', 'electric', 'induction'] }, price: [20, 150] },
  { name: 'Garden Hose', options: { length: ['25ft', '50ft', '100ft'], material: ['rubber', 'vinyl', 'latex'], color: ['green', 'blue', 'black'] }, price: [20, 120] },
  { name: 'Wall Clock', options: { diameter: ['10 inches', '12 inches', '14 inches'], color: ['black', 'white', 'wood'], type: ['analog', 'digital'] }, price: [15, 140] },
  { name: 'Bicycle Helmet', options: { size: ['S', 'M', 'L'], color: COLORS, ventilation: ['low', 'medium', 'high'] }, price: [30, 220] },
  { name: 'Jigsaw Puzzle', options: { pieces: ['500', '1000', '1500', '2000'], theme: ['animals', 'landscape', 'art', 'fantasy'], 'difficulty level': ['beginner', 'intermediate', 'expert'] }, price: [10, 70] },
];

export const PRODUCT_SERIES = ['Classic', 'Pro', 'Trail', 'Urban', 'Eco', 'Studio', 'Nomad', 'Summit', 'Harbor', 'Aurora', 'Atlas', 'Pulse', 'Terra', 'Vista', 'Zen', 'Orbit', 'Nova', 'Cedar', 'Metro', 'Drift'] as const;
