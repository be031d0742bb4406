import { invalidArgument } from '@agentic-commerce/kit';
import { z } from 'zod';
import { addDays, dayOf, slotStart } from '../domain/delivery-slots.ts';
import { areaOf } from '../domain/zip-area.ts';
import { visibleShipment } from './shipment-access.ts';
import { tool } from './tool.ts';
import { slotOut, slotShape, trackingIdField } from './wire-shapes.ts';

export const listDeliverySlots = tool({
  name: 'list_delivery_slots',
  title: 'List delivery slots',
  description:
    'Home-delivery windows not yet started for a parcel\'s area (by tracking id) or for a zip code, with places left. ' +
    'Use it before book_delivery_slot or reschedule_delivery, and offer the customer slots that are not full.',
  kind: 'read',
  input: {
    tracking_id: trackingIdField.optional().describe('the parcel whose delivery area to use; give this or zip'),
    zip: z.string().regex(/^\d{5}$/, 'use a 5-digit zip code').optional().describe('5-digit zip code of the delivery area; give this or tracking_id'),
    from_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional().describe('first day, YYYY-MM-DD (default today)'),
    days: z.number().int().min(1).max(14).default(7).describe('how many days to list (1-14, default 7)'),
  },
  output: {
    zip_prefix: z.string().describe('delivery area (first 3 digits of the zip code)'),
    slots: z.array(slotShape).describe('slots by day and window; full ones are flagged'),
  },
  async handler({ tracking_id, zip, from_date, days }, ctx) {
    if ((tracking_id === undefined) === (zip === undefined)) throw invalidArgument('give exactly one of tracking_id or zip');
    const now = ctx.now();
    const area = areaOf(tracking_id ? (await visibleShipment(tracking_id, ctx)).destination.address.zip : zip!);
    const fromDay = from_date ?? dayOf(now);
    if (Number.isNaN(Date.parse(`${fromDay}T00:00:00Z`))) throw invalidArgument(`from_date "${fromDay}" is not a calendar date: use YYYY-MM-DD`);
    const slots = await ctx.backend.listSlots({ zipPrefix: area, fromDay, toDay: addDays(fromDay, days - 1) });
    return { zip_prefix: area, slots: slots.filter((s) => slotStart(s) > now).map(slotOut) };
  },
});
