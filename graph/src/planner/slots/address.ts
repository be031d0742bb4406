/** A postal address in the shape the τ-bench tools take. */
export interface PostalAddress {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

const stateCodes = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(' '),
);

const stateNames: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
  kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI',
  minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV',
  'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC',
  'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT',
  virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
};

const streetSuffix =
  '(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|loop|row|alley)';
const unit = '(?:apt|apartment|suite|ste|unit|floor|fl|room|rm|#)';
const stateAlternatives = `[a-z]{2}|${Object.keys(stateNames).join('|')}`;

const addressPattern = new RegExp(
  `(?<![#\\w])(\\d+[a-z]?\\s+(?:[a-z0-9.'-]+\\s+){0,3}?${streetSuffix}\\b\\.?)` + // street line
    `(?:\\s*,?\\s*(${unit}\\.?\\s*#?\\s*[a-z0-9-]+))?` + // unit
    `\\s*,?\\s*([a-z][a-z .'-]*?)` + // city
    `\\s*,?\\s*\\b(${stateAlternatives})\\b\\.?` + // state
    `\\s*,?\\s*(\\d{5})(?:-\\d{4})?` + // zip
    `(?:\\s*,?\\s*(usa|united states(?: of america)?|us)\\b)?`,
  'i',
);

/** The first full US address in the text (street, optional unit, city, state, zip), or undefined. */
export function extractAddress(text: string): PostalAddress | undefined {
  const match = addressPattern.exec(text);
  if (!match) return undefined;
  const [, street, unitPart, city, state, zip] = match;
  if (!street || !city || !state || !zip) return undefined;
  const stateCode = stateCodes.has(state.toUpperCase()) ? state.toUpperCase() : stateNames[state.toLowerCase()];
  if (!stateCode) return undefined;
  return {
    address1: titleCase(street.replace(/\s+/g, ' ').replace(/\.$/, '')),
    address2: unitPart ? titleCase(unitPart.replace(/\s+/g, ' ')) : '',
    city: titleCase(city.trim()),
    state: stateCode,
    country: 'USA',
    zip,
  };
}

/** The text with the first address replaced (so its zip or numbers are not read as other slots). */
export function withoutAddress(text: string, placeholder = ' '): string {
  return text.replace(addressPattern, placeholder);
}

function titleCase(value: string): string {
  return value.replace(/\b([a-z])([a-z']*)/gi, (_, first: string, rest: string) => first.toUpperCase() + rest.toLowerCase());
}
