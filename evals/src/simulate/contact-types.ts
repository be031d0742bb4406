/** The world as the simulator sees it: enough to write realistic customer contacts. */
export interface SimCustomer {
  id: string;
  email: string;
  name: string;
  zip: string;
  paymentMethodIds: string[];
}

export interface SimOrder {
  id: string;
  customerId: string;
  status: string;
  items: { itemId: string; description: string }[];
  paymentMethodId: string;
  trackingIds: string[];
  /** When the courier last delivered a parcel of the order (ISO), if it did. */
  deliveredAt?: string | undefined;
}

export interface SimShipment {
  trackingId: string;
  orderId: string;
  customerId: string;
  status: string;
  failedAttempts: number;
}

export interface SimWorld {
  customers: SimCustomer[];
  orders: SimOrder[];
  shipments: SimShipment[];
  /** The day's "now": with it, only returns of orders delivered within the return window count as low-risk. */
  asOf?: Date | undefined;
}

/** The store policy's return window (knowledge/policies, kit default policy): 30 days from delivery. */
export const RETURN_WINDOW_DAYS = 30;

export const CONTACT_INTENTS = [
  'track_order',
  'return_item',
  'exchange_item',
  'cancel_order',
  'change_address',
  'failed_delivery',
  'product_question',
  'out_of_scope',
] as const;
export type ContactIntent = (typeof CONTACT_INTENTS)[number];

export interface Contact {
  id: string;
  customerId: string;
  intent: ContactIntent;
  /** Scripted customer turns (the last is usually the confirmation). */
  turns: string[];
  orderId?: string | undefined;
  trackingId?: string | undefined;
  /** A low-risk return (one item, inside policy): the case study's automation target. */
  lowRiskReturn: boolean;
  /** The contact came from a courier exception (a failed delivery), not from the customer. */
  fromDeliveryException: boolean;
}

/** What happened to one contact when the agent handled it. */
export interface ContactOutcome {
  contact: Contact;
  resolvedByAgent: boolean;
  escalated: boolean;
  approvalsRequested: number;
  policyViolations: number;
  /** Writes the ledger executed, keyed by idempotency key; a key seen twice is a duplicated side effect. */
  executedWriteKeys: string[];
  /** Reschedule or reroute booked for a failed delivery. */
  deliveryRecovered: boolean;
  turns: number;
  durationMs: number;
  /** The agent model's measured cost for this contact (priced tokens); undefined when not measured or not priced. */
  costUsd?: number | undefined;
}
