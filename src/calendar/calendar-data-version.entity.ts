import { Entity } from 'typeorm';
import { VersionRow } from '../database/version-row.js';

/**
 * One row (id 1): a counter raised in the same transaction as every write to meetings, agenda items,
 * locations and attendances. Calendar feeds are cached per version, so all app instances sharing the
 * database agree on when a cached feed is stale.
 */
@Entity('calendar_data_version')
export class CalendarDataVersion extends VersionRow {}
