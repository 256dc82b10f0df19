import { z } from 'zod';

/** Encryption details of an uploaded file, as the data endpoint receives them (spec B7). */
export const EncryptionMetadataSchema = z.strictObject({
  encrypted_hash: z.string(),
  iv: z.string(),
  encryption_key: z.string(),
  hmac_key: z.string(),
  plaintext_hash: z.string(),
});

/**
 * One file chosen in a PhotoPicker or DocumentPicker. `cdn_url` and `encryption_metadata` are
 * what the endpoint gets (spec B7); `sha256` is what the completion message carries (spec C3).
 */
export const PickedMediaSchema = z.strictObject({
  id: z.string().min(1),
  file_name: z.string().min(1),
  mime_type: z.string().min(1),
  size_kb: z.number().nonnegative(),
  sha256: z.string().optional(),
  cdn_url: z.string().optional(),
  encryption_metadata: EncryptionMetadataSchema.optional(),
});

export type PickedMedia = z.infer<typeof PickedMediaSchema>;

/** A CalendarPicker's value in range mode. */
export const DateRangeSchema = z.strictObject({
  'start-date': z.string(),
  'end-date': z.string(),
});

export type DateRange = z.infer<typeof DateRangeSchema>;

/**
 * What an input holds: text (TextInput, TextArea, DatePicker, CalendarPicker in single mode),
 * one option id (RadioButtonsGroup, Dropdown), option ids (CheckboxGroup, ChipsSelector), a
 * tick (OptIn), a date range, or picked files.
 */
export type FormValue = string | string[] | boolean | DateRange | PickedMedia[];

export type JsonObject = Record<string, unknown>;

/**
 * A record's own entry: keys come from Flow JSON and endpoint replies, where `__proto__` or
 * `constructor` must read as absent rather than as the object's prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A screen's data and the values of its inputs. */
export interface ScreenState {
  data: JsonObject;
  form: Record<string, FormValue>;
}

/** The endpoint call the caller must make before the Flow can go on. */
export interface PendingRequest {
  action: 'data_exchange' | 'BACK';
  screen: string;
}

/**
 * Where a customer is in a Flow. Plain JSON, never changed in place: every call returns a new
 * state, so a caller may keep old ones (undo, time travel in a preview).
 */
export interface PlayerState {
  screen: string;
  /** The latest data and input values of each screen shown so far (global references read them). */
  screens: Record<string, ScreenState>;
  /** Screens behind the current one, oldest first: where back leads. */
  history: string[];
  status: 'open' | 'completed' | 'closed';
  pending?: PendingRequest;
  /** The endpoint's `error_message`, shown by the phone as a snackbar. */
  errorMessage?: string;
  /** What the Flow finished with: the `complete` payload or the endpoint's SUCCESS params. */
  response?: JsonObject;
}

/** A reply of the data endpoint (spec B4); `version` and other extra keys are tolerated. */
export const EndpointReplySchema = z.looseObject({
  screen: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type EndpointReply = z.infer<typeof EndpointReplySchema>;
