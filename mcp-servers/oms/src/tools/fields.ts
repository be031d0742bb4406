import { z } from 'zod';
import { addressSchema } from '../domain/records.ts';

/** Input fields shared by several OMS tools, described once (the τ-bench wording). */
export const orderIdField = z
  .string()
  .min(1)
  .describe("The order id, such as '#W0000000'. Be careful there is a '#' symbol at the beginning of the order id.");
export const userIdField = z.string().min(1).describe("The user id, such as 'sara_doe_496'.");
export const itemIdsField = (what: string) =>
  z.array(z.string().min(1)).describe(`The item ids to be ${what}, each such as '1008292230'. There could be duplicate items in the list.`);
export const newItemIdsField = z
  .array(z.string().min(1))
  .describe(
    "The item ids to be exchanged for, each such as '1008292230'. There could be duplicate items in the list. Each new item id should match the item id in the same position and be of the same product.",
  );
export const paymentMethodIdField = z
  .string()
  .min(1)
  .describe(
    "The payment method id to pay or receive refund for the item price difference, such as 'gift_card_0000000' or 'credit_card_0000000'. These can be looked up from the user or order details.",
  );
export const addressFields = {
  address1: addressSchema.shape.address1,
  address2: addressSchema.shape.address2,
  city: addressSchema.shape.city,
  state: addressSchema.shape.state,
  country: addressSchema.shape.country,
  zip: addressSchema.shape.zip,
};
