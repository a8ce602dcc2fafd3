// zod schemas for every v3 response the tool reads (contract heygen-v3-api.md §9).
// Objects are loose so unknown new fields survive; enums the API may grow are "open"
// (known values for autocomplete, any string accepted) so documentation drift such as
// `video_avatar` (§10.1) or a new status never turns a listing into a crash.
// Every schema is built on first use (`lazy`): a command constructs only those it reads. They
// are zod/mini schemas (../zod-mini.ts), cheaper to load than the classic API (issue 15).
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';
import { ENGINES, OUTPUT_FORMATS } from '../shared/video-facts.js';

export * from './schema-parts.js';
import { ErrorInfo, openEnum, optionalNumber, optionalString } from './schema-parts.js';

// ---- avatars (§2) -----------------------------------------------------------------------

const AVATAR_TYPES = ['studio_avatar', 'digital_twin', 'photo_avatar'] as const;
const ORIENTATIONS = ['portrait', 'landscape', 'square'] as const;
const TRAINING_STATUSES = ['processing', 'pending_consent', 'failed', 'completed'] as const;

export const Look = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.string(),
    avatar_type: openEnum(AVATAR_TYPES),
    group_id: optionalString(),
    gender: optionalString(),
    preview_image_url: optionalString(),
    preview_video_url: optionalString(),
    default_voice_id: optionalString(),
    tags: z.nullish(z.array(z.string())),
    supported_api_engines: z.nullish(z.array(openEnum(ENGINES))),
    preferred_orientation: z.nullish(openEnum(ORIENTATIONS)),
    image_width: optionalNumber(),
    image_height: optionalNumber(),
    status: z.nullish(openEnum(TRAINING_STATUSES)),
    error: z.nullish(ErrorInfo()),
  }),
);
export type Look = z.output<ReturnType<typeof Look>>;

export const Group = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.string(),
    created_at: z.number(),
    looks_count: z.number(),
    gender: optionalString(),
    preview_image_url: optionalString(),
    preview_video_url: optionalString(),
    default_voice_id: optionalString(),
    status: z.nullish(openEnum(TRAINING_STATUSES)),
    consent_status: optionalString(),
    error: z.nullish(ErrorInfo()),
  }),
);
export type Group = z.output<ReturnType<typeof Group>>;

// ---- voices (§3) ------------------------------------------------------------------------

export const VoiceListItem = lazy(() =>
  z.looseObject({
    voice_id: z.string(),
    name: z.string(),
    language: z.string(),
    gender: z.string(),
    type: openEnum(['public', 'private'] as const),
    support_pause: z.boolean(),
    support_locale: z.boolean(),
    preview_audio_url: optionalString(), // some voices give null or a bare s3:// path
  }),
);
export type VoiceListItem = z.output<ReturnType<typeof VoiceListItem>>;

/** GET /v3/voices/{id} has its own shape: only voice_id and support_pause are required. */
export const VoiceDetail = lazy(() =>
  z.looseObject({
    voice_id: z.string(),
    support_pause: z.boolean(),
    support_interactive_avatar: z.nullish(z.boolean()),
    name: optionalString(),
    language: optionalString(),
    gender: optionalString(),
    preview_audio_url: optionalString(),
    created_at: optionalNumber(),
    status: z.nullish(openEnum(['processing', 'complete', 'failed'] as const)), // `complete`, sic (§10.9)
    failure_message: optionalString(),
  }),
);
export type VoiceDetail = z.output<ReturnType<typeof VoiceDetail>>;

// ---- user (§7) --------------------------------------------------------------------------

export const User = lazy(() =>
  z.looseObject({
    username: z.string(),
    email: z.nullable(z.string()),
    first_name: z.nullable(z.string()),
    last_name: z.nullable(z.string()),
    billing_type: z.nullish(openEnum(['wallet', 'subscription', 'usage_based'] as const)),
    wallet: z.nullish(
      z.looseObject({
        currency: openEnum(['usd', 'credits'] as const),
        remaining_balance: optionalNumber(),
        auto_reload: z.nullish(z.looseObject({ enabled: z.boolean(), amount_usd: optionalNumber(), threshold_usd: optionalNumber() })),
      }),
    ),
    subscription: z.nullish(
      z.looseObject({
        plan: z.string(),
        credits: z.looseObject({
          premium_credits: z.nullish(z.looseObject({ remaining: optionalNumber(), resets_at: optionalString() })),
          add_on_credits: z.nullish(z.looseObject({ remaining: optionalNumber(), resets_at: optionalString() })),
        }),
      }),
    ),
    usage_based: z.nullish(
      z.looseObject({
        included_credits: optionalNumber(),
        remaining_credits: optionalNumber(),
        spending_cap_usd: optionalNumber(),
        spending_current_usd: optionalNumber(),
      }),
    ),
  }),
);
export type User = z.output<ReturnType<typeof User>>;

// ---- videos (§4.4, §5) ------------------------------------------------------------------

export const CreateVideoResponse = lazy(() =>
  z.looseObject({
    video_id: z.string(),
    status: z.string(), // "e.g. waiting": not the GET vocabulary (§10.2)
    output_format: z.nullish(openEnum(OUTPUT_FORMATS)),
  }),
);
export type CreateVideoResponse = z.output<ReturnType<typeof CreateVideoResponse>>;

export const Video = lazy(() =>
  z.looseObject({
    id: z.string(),
    status: z.string(),
    title: optionalString(),
    created_at: optionalNumber(),
    completed_at: optionalNumber(),
    duration: optionalNumber(),
    video_url: optionalString(),
    captioned_video_url: optionalString(),
    subtitle_url: optionalString(),
    thumbnail_url: optionalString(),
    gif_url: optionalString(),
    video_page_url: optionalString(),
    folder_id: optionalString(),
    failure_code: optionalString(),
    failure_message: optionalString(),
    output_language: optionalString(),
  }),
);
export type Video = z.output<ReturnType<typeof Video>>;

/** `id` may be missing only when the API answers 204; the client fills it in from the request. */
export const DeletedVideo = lazy(() => z.looseObject({ id: optionalString(), deleted: z.nullish(z.boolean()) }));
export type DeletedVideo = z.output<ReturnType<typeof DeletedVideo>>;

export const BulkStatusEntry = lazy(() =>
  z.looseObject({
    video_id: optionalString(), // null while a batch item has no video yet
    status: z.string(), // queued | processing | completed | failed | not_found
    batch_id: optionalString(),
    item_index: optionalNumber(),
    error: z.optional(z.unknown()),
  }),
);
export type BulkStatusEntry = z.output<ReturnType<typeof BulkStatusEntry>>;

/** The batch-create body is unconfirmed (§5.5): only a batch_id is relied on. */
export const BatchCreated = lazy(() => z.looseObject({ batch_id: z.string() }));
export type BatchCreated = z.output<ReturnType<typeof BatchCreated>>;

const BatchItem = lazy(() =>
  z.looseObject({
    item_index: z.number(),
    status: z.string(),
    video_id: optionalString(),
    error: z.optional(z.unknown()),
  }),
);
type BatchItem = z.output<ReturnType<typeof BatchItem>>;

/** Batch detail keeps its pagination inside `data` (§5.6). */
export const BatchDetail = lazy(() =>
  z.looseObject({
    batch_id: z.string(),
    status: openEnum(['processing', 'completed', 'failed'] as const),
    counts_by_status: z.record(z.string(), z.number()),
    created_at: z.number(),
    title: optionalString(),
    total_items: z.number(),
    items: z.array(BatchItem()),
    // Required in the schema (§5.6), but read like every other page: absent = last page.
    has_more: z.pipe(
      z.nullish(z.boolean()),
      z.transform((v: boolean | null | undefined) => v ?? false),
    ),
    next_token: z.pipe(
      optionalString(),
      z.transform((v: string | null | undefined) => v ?? null),
    ),
  }),
);
export type BatchDetail = z.output<ReturnType<typeof BatchDetail>>;

// ---- webhooks (§6) ----------------------------------------------------------------------

export const WebhookEndpoint = lazy(() =>
  z.looseObject({
    endpoint_id: z.string(),
    url: z.string(),
    status: openEnum(['enabled', 'disabled'] as const),
    created_at: z.string(), // ISO 8601 here, unlike the Unix seconds elsewhere (§10.8)
    events: z.nullish(z.array(z.string())), // null = all events
    secret: optionalString(), // only on create and rotate
  }),
);
export type WebhookEndpoint = z.output<ReturnType<typeof WebhookEndpoint>>;

export const DeletedWebhookEndpoint = lazy(() => z.looseObject({}));
export type DeletedWebhookEndpoint = z.output<ReturnType<typeof DeletedWebhookEndpoint>>;

export const RotatedSecret = lazy(() => z.looseObject({ endpoint_id: z.string(), secret: z.string() }));
export type RotatedSecret = z.output<ReturnType<typeof RotatedSecret>>;

export const WebhookEventType = lazy(() => z.looseObject({ event_type: z.string(), description: optionalString() }));
export type WebhookEventType = z.output<ReturnType<typeof WebhookEventType>>;

export const WebhookEvent = lazy(() =>
  z.looseObject({
    event_id: z.string(),
    event_type: z.string(),
    event_data: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  }),
);
export type WebhookEvent = z.output<ReturnType<typeof WebhookEvent>>;
