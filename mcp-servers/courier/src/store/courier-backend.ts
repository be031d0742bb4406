import type {
  Address,
  DeliverySlot,
  Destination,
  LocationKind,
  PickupLocation,
  PickupWindow,
  ReturnLabel,
  ReturnPickup,
  Shipment,
  TrackingEvent,
  TrackingEventKind,
} from '../domain/types.ts';

export interface SlotQuery {
  zipPrefix: string;
  fromDay: string;
  toDay: string;
}

export type DestinationRequest = { kind: 'address'; address: Address } | { kind: LocationKind; locationId: string };

export interface SlotChange {
  shipment: Shipment;
  /** The slot the shipment was booked in before this call (null when none). */
  previousSlotId: string | null;
}

/** Where a parcel is expected to be before a change: its destination and booked slot (null: none). */
export interface ExpectedPlace {
  destination: Destination;
  slotId: string | null;
}

export interface RerouteChange extends SlotChange {
  /** Where the shipment was going before this call. */
  previousDestination: Destination;
}

export interface PickupRequest {
  trackingId: string;
  day: string;
  window: PickupWindow;
  /** Where to collect; defaults to the shipment's delivery address. */
  address?: Address | undefined;
}

/** What `schedulePickup` did: made the pickup, or found the identical one already scheduled. */
export interface PickupScheduling {
  pickup: ReturnPickup;
  /**
   * False when the same pickup (day, window, address) was already scheduled for the parcel and is returned as is;
   * decided while holding the shipment's lock, so of concurrent identical requests exactly one creates it.
   */
  created: boolean;
}

/** What `createReturnLabel` did: made the label, or found a valid (not voided) one for the same items. */
export interface ReturnLabelCreation {
  label: ReturnLabel;
  /**
   * False when a label that is not voided already covers exactly these items and is returned as is; decided while
   * holding the shipment's lock, so of concurrent identical requests exactly one creates it.
   */
  created: boolean;
}

export interface NewTrackingEvent {
  kind: TrackingEventKind;
  location?: string | null | undefined;
  note?: string | null | undefined;
}

/**
 * The carrier as the MCP tools see it. The reference implementation is `sqlCourierBackend`; an adapter to a real
 * carrier API implements the same interface. Refusals are CommerceErrors with actionable text and change nothing.
 */
export interface CourierBackend {
  /**
   * `lock` (inside a write's transaction): hold the shipment's row until the transaction ends, so what the caller
   * decides on cannot change before its write (write tools' assessments); the write may then reuse that read.
   */
  getShipment(trackingId: string, options?: { lock?: boolean }): Promise<Shipment | undefined>;
  listEvents(trackingId: string): Promise<TrackingEvent[]>;
  /** Appends a tracking event; status kinds also move the shipment's status (used by the world and simulations). */
  recordEvent(trackingId: string, event: NewTrackingEvent, at: Date): Promise<Shipment>;
  listSlots(query: SlotQuery): Promise<DeliverySlot[]>;
  getSlot(slotId: string): Promise<DeliverySlot | undefined>;
  /** Books a home-delivery slot; the same slot again is a no-op; a shipment already booked elsewhere must reschedule. */
  bookSlot(trackingId: string, slotId: string, at: Date): Promise<SlotChange>;
  /** Moves (or makes) the booking to `slotId`, freeing the previous slot. */
  /** Moves the delivery to `slotId`; with `expectedSlotId`, only if that is the slot booked now (null: none). */
  reschedule(trackingId: string, slotId: string, at: Date, expectedSlotId?: string | null): Promise<SlotChange>;
  /** Frees the booked slot; when `expectedSlotId` is given the booking must still be that slot. No booking: no-op. */
  releaseSlot(trackingId: string, at: Date, expectedSlotId?: string | null): Promise<SlotChange>;
  /**
   * Sends the shipment elsewhere; a booked slot is freed when it leaves home delivery or its area. `slotId`: a slot to
   * book at the new address in the same change (moving any booked one), or null to free any booked slot.
   */
  /** With `expected`, changes nothing (FAILED_PRECONDITION) unless the parcel is still at that destination with that slot. */
  reroute(trackingId: string, destination: DestinationRequest, at: Date, slotId?: string | null, expected?: ExpectedPlace): Promise<RerouteChange>;
  getLocation(locationId: string): Promise<PickupLocation | undefined>;
  listLocations(zipPrefix: string): Promise<PickupLocation[]>;
  /** Schedules a return pickup; the same request again returns the scheduled one with `created: false`. */
  schedulePickup(request: PickupRequest, at: Date): Promise<PickupScheduling>;
  getPickup(pickupId: string): Promise<ReturnPickup | undefined>;
  cancelPickup(pickupId: string, at: Date): Promise<ReturnPickup>;
  /**
   * Creates a return label for items of a delivered shipment; the same items again return the existing label with
   * `created: false`. Voided labels are ignored: the same items after a void get a new label.
   */
  createReturnLabel(trackingId: string, itemIds: readonly string[], at: Date): Promise<ReturnLabelCreation>;
  /** The label with that id, voided or not (undefined when there is none). */
  getReturnLabel(labelId: string): Promise<ReturnLabel | undefined>;
  /**
   * Voids a label so it can no longer be used (sets `voidedAt`). Voiding a voided label returns it unchanged. Refused
   * (NOT_FOUND) for an unknown id, and (FAILED_PRECONDITION, nothing changed) once the parcel's return pickup was
   * completed: the carrier has collected it.
   */
  voidReturnLabel(labelId: string, at: Date): Promise<ReturnLabel>;
}
