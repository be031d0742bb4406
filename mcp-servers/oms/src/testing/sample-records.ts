import type { Order, Product, User } from '../domain/records.ts';

/** A small, hand-checked world for domain and backend tests: one customer, two products, two orders. */
export const SHIRT: Product = {
  name: 'T-Shirt',
  product_id: '9523456873',
  variants: {
    '1000000001': { item_id: '1000000001', options: { color: 'blue', size: 'M' }, available: true, price: 50.88 },
    '1000000002': { item_id: '1000000002', options: { color: 'red', size: 'L' }, available: true, price: 53.43 },
    '1000000003': { item_id: '1000000003', options: { color: 'black', size: 'S' }, available: false, price: 49.1 },
  },
};
export const MUG: Product = {
  name: 'Mug',
  product_id: '7777777777',
  variants: {
    '2000000001': { item_id: '2000000001', options: { size: 'small' }, available: true, price: 10.1 },
    '2000000002': { item_id: '2000000002', options: { size: 'large' }, available: true, price: 12.2 },
  },
};
export const PRODUCTS = new Map([SHIRT, MUG].map((p) => [p.product_id, p]));

export const USER_ID = 'sara_doe_496';
export const USER: User = {
  name: { first_name: 'Sara', last_name: 'Doe' },
  address: { address1: '1 Main St', address2: 'Apt 1', city: 'Austin', country: 'USA', state: 'TX', zip: '78701' },
  email: 'sara.doe@example.com',
  payment_methods: {
    credit_card_1111111: { source: 'credit_card', id: 'credit_card_1111111', brand: 'visa', last_four: '4242' },
    gift_card_2222222: { source: 'gift_card', id: 'gift_card_2222222', balance: 20 },
    paypal_3333333: { source: 'paypal', id: 'paypal_3333333' },
  },
  orders: ['#W1000001', '#W1000002'],
};

const line = (product: Product, itemId: string) => {
  const v = product.variants[itemId]!;
  return { name: product.name, product_id: product.product_id, item_id: itemId, price: v.price, options: { ...v.options } };
};

export const PENDING: Order = {
  order_id: '#W1000001',
  user_id: USER_ID,
  address: { ...USER.address },
  items: [line(SHIRT, '1000000001'), line(SHIRT, '1000000001'), line(MUG, '2000000001')],
  fulfillments: [],
  status: 'pending',
  payment_history: [{ transaction_type: 'payment', amount: 111.86, payment_method_id: 'gift_card_2222222' }],
};

export const DELIVERED: Order = {
  order_id: '#W1000002',
  user_id: USER_ID,
  address: { ...USER.address },
  items: [line(SHIRT, '1000000002'), line(MUG, '2000000002')],
  fulfillments: [{ tracking_id: ['123456789012'], item_ids: ['1000000002', '2000000002'] }],
  status: 'delivered',
  payment_history: [{ transaction_type: 'payment', amount: 65.63, payment_method_id: 'credit_card_1111111' }],
};

/** A deep copy, so a test can never leak changes into another. */
export const fresh = <T>(value: T): T => structuredClone(value);
