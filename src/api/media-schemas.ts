// zod schemas for the asset and avatar-creation answers (contract §2.4, §2.5, §8). Loose objects,
// as in schemas.ts: fields the API adds later survive, optional ones may be absent or null.
// Built on first use, like schemas.ts.
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';
import { Group, Look, optionalNumber, optionalString } from './schemas.js';

/** POST /v3/assets, and the complete step of a direct upload (which adds `status`). */
export const UploadedAsset = lazy(() =>
  z.looseObject({
    asset_id: z.string(),
    url: optionalString(),
    mime_type: optionalString(),
    size_bytes: optionalNumber(),
    status: optionalString(),
  }),
);
export type UploadedAsset = z.output<ReturnType<typeof UploadedAsset>>;

/** POST /v3/assets/direct-uploads */
export const DirectUpload = lazy(() =>
  z.looseObject({
    asset_id: z.string(),
    upload_url: z.string(),
    upload_headers: z.pipe(
      z.nullish(z.record(z.string(), z.string())),
      z.transform((h: Record<string, string> | null | undefined) => h ?? {}),
    ),
    max_bytes: optionalNumber(),
    expires_in_seconds: optionalNumber(),
    status: optionalString(),
  }),
);
export type DirectUpload = z.output<ReturnType<typeof DirectUpload>>;

/** GET /v3/assets/{id} and the items of GET /v3/assets: a different shape from the upload answer. */
export const Asset = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: optionalString(),
    owner: optionalString(),
    space_id: optionalString(),
    type: optionalString(),
    uploaded_at: optionalNumber(),
    url: optionalString(),
    folder_id: optionalString(),
  }),
);
export type Asset = z.output<ReturnType<typeof Asset>>;

/** DELETE answers `{data: {id}}`; a bodiless 2xx is read as `{}`. */
export const Deleted = lazy(() => z.looseObject({ id: optionalString() }));
export type Deleted = z.output<ReturnType<typeof Deleted>>;

/** POST /v3/avatars */
export const CreatedAvatar = lazy(() => z.looseObject({ avatar_group: z.nullish(Group()), avatar_item: z.nullish(Look()) }));
export type CreatedAvatar = z.output<ReturnType<typeof CreatedAvatar>>;

/** POST /v3/avatars/{group_id}/consent; `url` is absent when a consent video was sent. */
export const Consent = lazy(() => z.looseObject({ avatar_group: z.nullish(Group()), url: optionalString() }));
export type Consent = z.output<ReturnType<typeof Consent>>;
