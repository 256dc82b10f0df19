import { z } from 'zod';

import { actionOf } from './actions';
import {
  FreeObjectSchema,
  booleanOrDynamic,
  dynamicOr,
  integerOrDynamic,
  listOrDynamic,
  text,
} from './common';

/** Buttons, links, media, navigation and structure components (spec A5); see components.ts. */
const visible = booleanOrDynamic().optional();
const ComponentList = z.array(z.unknown());

export const FooterSchema = z.strictObject({
  type: z.literal('Footer'),
  label: text(35),
  'left-caption': text(15).optional(),
  'right-caption': text(15).optional(),
  'center-caption': text(15).optional(),
  enabled: booleanOrDynamic().optional(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'complete']),
});
export const EmbeddedLinkSchema = z.strictObject({
  type: z.literal('EmbeddedLink'),
  // 25 characters; Meta's own 2.1 examples use more, see rules/properties.
  text: z.string(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'open_url']),
  visible,
});
export const OptInSchema = z.strictObject({
  type: z.literal('OptIn'),
  name: z.string(),
  label: text(120),
  required: booleanOrDynamic().optional(),
  'on-click-action': actionOf(['navigate', 'data_exchange', 'open_url']).optional(),
  'on-select-action': actionOf(['update_data']).optional(),
  'on-unselect-action': actionOf(['update_data']).optional(),
  'init-value': booleanOrDynamic().optional(),
  visible,
});

const SCALE_TYPES = ['cover', 'contain'] as const;
export const ImageSchema = z.strictObject({
  type: z.literal('Image'),
  src: z.string(),
  width: integerOrDynamic(1).optional(),
  height: integerOrDynamic(1).optional(),
  'scale-type': z.enum(SCALE_TYPES).optional(),
  'aspect-ratio': dynamicOr(z.number().positive()).optional(),
  'alt-text': z.string().optional(),
});
export const ImageCarouselSchema = z.strictObject({
  type: z.literal('ImageCarousel'),
  images: listOrDynamic(z.strictObject({ src: z.string(), 'alt-text': z.string() }), 1, 3),
  'aspect-ratio': z.enum(['4:3', '16:9']).optional(),
  'scale-type': z.enum(SCALE_TYPES).optional(),
});

const pickerProperties = {
  name: z.string(),
  label: text(80),
  description: text(300).optional(),
  'max-file-size-kb': integerOrDynamic(1, 25_600).optional(),
  enabled: booleanOrDynamic().optional(),
  visible,
  'error-message': z.union([z.string(), z.record(z.string(), z.string())]).optional(),
};
export const PhotoPickerSchema = z.strictObject({
  type: z.literal('PhotoPicker'),
  'photo-source': z.enum(['camera_gallery', 'camera', 'gallery']).optional(),
  'min-uploaded-photos': integerOrDynamic(0, 30).optional(),
  'max-uploaded-photos': integerOrDynamic(1, 30).optional(),
  ...pickerProperties,
});
export const DOCUMENT_MIME_TYPES = [
  'application/gzip',
  'application/msword',
  'application/pdf',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/x-7z-compressed',
  'application/zip',
  'image/avif',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'text/plain',
  'video/mp4',
  'video/mpeg',
] as const;
export const DocumentPickerSchema = z.strictObject({
  type: z.literal('DocumentPicker'),
  'min-uploaded-documents': integerOrDynamic(0, 30).optional(),
  'max-uploaded-documents': integerOrDynamic(1, 30).optional(),
  'allowed-mime-types': listOrDynamic(z.enum(DOCUMENT_MIME_TYPES)).optional(),
  ...pickerProperties,
});

const navigationAction = actionOf(['navigate', 'data_exchange']);
export const NavigationItemSchema = z.strictObject({
  id: z.string(),
  'main-content': z.strictObject({
    title: text(30),
    description: text(20).optional(),
    metadata: text(80).optional(),
  }),
  start: z.strictObject({ image: z.string(), 'alt-text': z.string().optional() }).optional(),
  end: z
    .strictObject({
      title: text(10).optional(),
      description: text(10).optional(),
      metadata: text(10).optional(),
    })
    .optional(),
  badge: text(15).optional(),
  tags: z.array(text(15)).max(3).optional(),
  'on-click-action': navigationAction.optional(),
});
export const NavigationListSchema = z.strictObject({
  type: z.literal('NavigationList'),
  name: z.string(),
  'list-items': listOrDynamic(NavigationItemSchema, 1, 20),
  label: text(80).optional(),
  description: text(300).optional(),
  'media-size': z.enum(['regular', 'large']).optional(),
  'on-click-action': navigationAction.optional(),
});

export const FormSchema = z.strictObject({
  type: z.literal('Form'),
  name: z.string(),
  children: ComponentList,
  'init-values': dynamicOr(FreeObjectSchema).optional(),
  'error-messages': dynamicOr(FreeObjectSchema).optional(),
});
export const IfSchema = z.strictObject({
  type: z.literal('If'),
  condition: z.string(),
  then: ComponentList.min(1),
  else: ComponentList.optional(),
});
export const SwitchSchema = z.strictObject({
  type: z.literal('Switch'),
  value: z.string(),
  cases: z.record(z.string(), ComponentList).refine((cases) => Object.keys(cases).length > 0, {
    error: 'a Switch needs at least one case',
  }),
});
