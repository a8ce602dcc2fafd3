import type { Route } from '../router.js';
import { catalogRoutes } from './catalog.js';
import { videoRoutes } from './videos.js';
import { webhookRoutes } from './webhooks.js';

export const ROUTES: readonly Route[] = [...catalogRoutes, ...videoRoutes, ...webhookRoutes];
