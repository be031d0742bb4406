/**
 * The reference store's category tree for the τ-bench product types (τ-bench itself has none). A product type
 * the table does not know falls into "General".
 */
const TREE: Record<string, Record<string, string[]>> = {
  Electronics: {
    Audio: ['Headphones', 'Wireless Earbuds', 'Bluetooth Speaker'],
    Computers: ['Laptop', 'Tablet', 'E-Reader', 'Mechanical Keyboard', 'Gaming Mouse'],
    Phones: ['Smartphone', 'Portable Charger'],
    Cameras: ['Action Camera', 'Digital Camera'],
    'Smart Home': ['Indoor Security Camera', 'Smart Thermostat', 'LED Light Bulb'],
    Watches: ['Smart Watch', 'Wristwatch'],
  },
  'Clothing & Shoes': {
    Apparel: ['T-Shirt', 'Fleece Jacket'],
    Footwear: ['Running Shoes', 'Hiking Boots', 'Sneakers'],
    Accessories: ['Sunglasses', 'Backpack', 'Luggage Set'],
  },
  'Home & Kitchen': {
    Kitchen: ['Coffee Maker', 'Espresso Machine', 'Electric Kettle', 'Tea Kettle', 'Water Bottle'],
    Furniture: ['Bookshelf', 'Office Chair'],
    'Home Decor': ['Desk Lamp', 'Wall Clock'],
    Appliances: ['Air Purifier', 'Vacuum Cleaner'],
    Pets: ['Pet Bed'],
  },
  'Sports & Outdoors': {
    Fitness: ['Yoga Mat', 'Dumbbell Set'],
    Cycling: ['Bicycle', 'Cycling Helmet'],
    'Outdoor Recreation': ['Skateboard'],
    'Garden & Patio': ['Garden Hose', 'Patio Umbrella', 'Grill'],
  },
  'Health & Beauty': {
    'Personal Care': ['Electric Toothbrush'],
    Beauty: ['Makeup Kit', 'Perfume'],
  },
  'Toys & Office': {
    Games: ['Jigsaw Puzzle'],
    Stationery: ['Notebook'],
  },
};

const BY_TYPE = new Map<string, { department: string; category: string }>();
for (const [department, categories] of Object.entries(TREE)) {
  for (const [category, types] of Object.entries(categories)) {
    for (const type of types) BY_TYPE.set(type.toLowerCase(), { department, category });
  }
}

export function categoryOf(productType: string): { department: string; category: string } {
  return BY_TYPE.get(productType.toLowerCase()) ?? { department: 'General', category: 'General' };
}

/** Every category name, for query understanding ("... in Audio"). */
export function knownCategories(): string[] {
  return [...new Set([...BY_TYPE.values()].map((c) => c.category))];
}
