import type { CatalogProduct } from '../catalog/catalog-types.ts';
import type { Facets } from '../query/parse-product-query.ts';

/** Categories, departments and option values present in a set of products. */
export function facetsOf(products: readonly CatalogProduct[]): Facets {
  const categories = new Set<string>();
  const departments = new Set<string>();
  const options = new Map<string, Set<string>>();
  for (const product of products) {
    categories.add(product.category);
    departments.add(product.department);
    for (const variant of product.variants) {
      for (const [name, value] of Object.entries(variant.options)) {
        if (!options.has(name)) options.set(name, new Set());
        options.get(name)?.add(value);
      }
    }
  }
  return {
    categories: [...categories].sort(),
    departments: [...departments].sort(),
    options: Object.fromEntries([...options].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => [name, [...values].sort()])),
  };
}

export function mergeFacets(a: Facets, b: Facets): Facets {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])].sort();
  const options: Record<string, string[]> = { ...a.options };
  for (const [name, values] of Object.entries(b.options)) options[name] = union(options[name] ?? [], values);
  return { categories: union(a.categories, b.categories), departments: union(a.departments, b.departments), options };
}
