import { describe, expect, it } from 'vitest';
import { classifyMessage } from './intent-classifier.ts';

const intentsOf = (text: string) => classifyMessage(text).map((c) => c.intent);
const conversational = new Set(['greeting', 'provide_info', 'affirm']);
/** The distinct requests of a message ("Hi, cancel it, I changed my mind" is one request). */
const requestsOf = (text: string) => [...new Set(intentsOf(text).filter((i) => !conversational.has(i)))];

describe('intent classification', () => {
  it.each([
    ['I want to cancel my order', 'cancel_order'],
    ['please call off the purchase, I changed my mind', 'cancel_order'],
    ['Hi, I would like to cancell my ordr', 'cancel_order'],
    ['I want to retrun the kettle', 'return_items'],
    ['can I get my money back for the headphones', 'return_items'],
    ['can I exchnage the t-shirt for a bigger one', 'exchange_items'],
    ['swap my delivered lamp for the black version', 'exchange_items'],
    ['switch the payment of my order to paypal', 'modify_order_payment'],
    ["where's my pakage?", 'order_status'],
    ['when will my parcel arrive', 'order_status'],
    ['update the default address on my account', 'change_default_address'],
    ['ship my order to a different address', 'modify_order_address'],
    ['can the courier come tomorrow afternoon', 'delivery_slot'],
    ['I am looking for a new yoga mat', 'shop'],
    ['I want to order the gold 128GB 6GB smartphone', 'shop'],
    ["I'd like to buy the small fleece brown pet bed", 'shop'],
    ['when will order #W1234567 arrive', 'order_status'],
    ['looking for maple skateboards, what do you have', 'product_info'],
    ['what colors does the office chair come in', 'product_info'],
    ['how many loyalty points do I have', 'loyalty'],
    ['let me talk to a real person', 'human_agent'],
    ["what's the weather like", 'out_of_scope'],
    ['thanks, that is all', 'thanks_bye'],
  ])('%s → %s', (text, intent) => {
    expect(requestsOf(text)).toEqual([intent]);
  });

  it('keeps the request after an opening greeting, and a bare greeting as a greeting', () => {
    expect(intentsOf('Hi, where is my order #W2611340?')).toEqual(['order_status']);
    expect(intentsOf('hello, I want to return my lamp')).toEqual(['return_items']);
    expect(intentsOf('Hi!')).toEqual(['greeting']);
  });

  it('splits a mixed request into one intent per clause', () => {
    expect(intentsOf('i wanna return the lamp and cancel order #W1234567')).toEqual(['return_items', 'cancel_order']);
    expect(intentsOf('Return the tea kettle. Also, where is my other package?')).toEqual(['return_items', 'order_status']);
  });

  it('reports "change my address" as unclear instead of guessing which address', () => {
    expect(intentsOf('change my address')).toEqual(['unclear']);
  });

  it('reports gibberish as unclear, and bare answers as information', () => {
    expect(intentsOf('blah qwerty zzz')).toEqual(['unclear']);
    expect(intentsOf('my email is sara.doe@example.com')).toEqual(['provide_info']);
    expect(intentsOf('paypal')).toEqual(['provide_info']);
  });

  it('reads "ship it to my default address" as a detail of an order, and a change word as a change request', () => {
    expect(intentsOf('ship it to my default address')).toEqual(['provide_info']);
    expect(intentsOf('please update my default shipping address')).toEqual(['change_default_address']);
  });
});
