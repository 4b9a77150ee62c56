import { Entity } from 'typeorm';
import { VersionRow } from '../database/version-row.js';

/**
 * One row (id 1): a counter raised in the same transaction as every write to a table whose rows
 * can appear on a page, a vCard or a feed (ContentVersionSubscriber). Rendered answers for
 * anonymous visitors are cached per version (PublicPageCache), so every app instance sharing the
 * database agrees on when a cached page is stale.
 */
@Entity('content_version')
export class ContentVersion extends VersionRow {}
