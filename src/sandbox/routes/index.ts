import type { Route } from '../router.js';
import { assetRoutes } from './assets.js';
import { avatarRoutes } from './avatars.js';
import { catalogRoutes } from './catalog.js';
import { translationRoutes } from './translations.js';
import { videoRoutes } from './videos.js';
import { voiceRoutes } from './voices.js';
import { webhookRoutes } from './webhooks.js';

export const ROUTES: readonly Route[] = [
  ...catalogRoutes,
  ...avatarRoutes,
  ...assetRoutes,
  ...videoRoutes,
  ...webhookRoutes,
  ...translationRoutes,
  ...voiceRoutes,
];
