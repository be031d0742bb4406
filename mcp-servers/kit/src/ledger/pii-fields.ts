/**
 * What a field holds, judged by its name: keys are compared lowercased, without `_`, `-`, `.` and spaces, so
 * `first_name`, `firstName` and `First-Name` are one rule, and mostly by their ending (`ship_to_zip`, `billingEmail`).
 *   secret  credentials: removed entirely ("[secret]")
 *   card    card and account digits: removed ("[redacted]")
 *   phone   fingerprinted by its digits, so "+1 555-123-4567" and "15551234567" match
 *   hash    personal data (emails, names, street lines, zip codes): fingerprinted
 *   name    `name`: fingerprinted inside a person-like parent (customer.name), kept elsewhere (an item's name)
 *   id      identifiers the ledger is matched by: kept, only emails and formatted phones in them redacted
 *   text    anything else: free text, redacted by pattern (pii-text.ts)
 * City, state and country are kept in clear: alone they do not identify a person, and support needs them.
 */
export type FieldRule = 'secret' | 'card' | 'phone' | 'hash' | 'name' | 'id' | 'text';

const SECRET = /(password|passwd|passphrase|secret|token|apikey|authorization|auth|cookie|privatekey|credentials?|sessionid)$/;
const CARD = /(cardnumber|cardno|ccnumber|lastfour|last4|cvv2?|cvc2?|securitycode|iban|accountnumber)$|^pan$/;
const PHONE = /(phone|phonenumber|mobile|mobilenumber|telephone|fax)$|^(tel|cell)$/;
const HASH = new RegExp(
  '(email|emailaddress|firstname|lastname|givenname|familyname|surname|middlename|fullname|nameoncard|cardholder|holdername' +
    '|(customer|recipient|contact|user|person|buyer|sender|receiver)name|address|address\\d|addressline\\d?|street|street\\d' +
    '|streetline\\d?|housenumber|zip|zipcode|postalcode|postcode|dateofbirth|birthdate|dob|ssn)$|^line\\d$',
);
const ID = /(id|ids|number|numbers|ref|sku|hash|key)$/;
/** Parents whose `name` is a person's. */
const PERSON = /(customer|user|recipient|contact|person|billing|shipping|shipto|billto|cardholder|holder|sender|receiver|buyer|owner|name)s?$/;

export const normalKey = (key: string): string => key.toLowerCase().replace(/[_\-. ]/g, '');

const rules = new Map<string, FieldRule>();

export function fieldRule(key: string): FieldRule {
  let rule = rules.get(key);
  if (rule === undefined) {
    rule = classify(normalKey(key));
    // Keys repeat on every log line and entry: each is classified once, for a bounded set.
    if (rules.size < 10_000) rules.set(key, rule);
  }
  return rule;
}

function classify(k: string): FieldRule {
  if (SECRET.test(k)) return 'secret';
  if (CARD.test(k)) return 'card';
  if (PHONE.test(k)) return 'phone';
  if (HASH.test(k)) return 'hash';
  if (k === 'name') return 'name';
  if (ID.test(k)) return 'id';
  return 'text';
}

/** Whether a `name` field under `parent` names a person. */
export const isPersonParent = (parent: string | undefined): boolean => parent !== undefined && PERSON.test(normalKey(parent));
