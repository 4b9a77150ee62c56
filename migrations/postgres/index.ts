import { PostgresInitialSchema1795623467450 } from './1795623467450-PostgresInitialSchema.js';
import { PostgresSearchIndex1795623500000 } from './1795623500000-PostgresSearchIndex.js';
import { PostgresContentVersion1796487984331 } from './1796487984331-PostgresContentVersion.js';
import { PostgresSearchNameIndex1796493000000 } from './1796493000000-PostgresSearchNameIndex.js';
import { PostgresPendingDraftAccount1796494412000 } from './1796494412000-PostgresPendingDraftAccount.js';
import { PostgresDropCalendarDataVersion1796500000001 } from './1796500000001-PostgresDropCalendarDataVersion.js';
import { PostgresAuditBody1796510000001 } from './1796510000001-PostgresAuditBody.js';
import { PostgresDatePolls1796515337719 } from './1796515337719-PostgresDatePolls.js';
import { PostgresCirculars1796517499944 } from './1796517499944-PostgresCirculars.js';

/**
 * Every PostgreSQL migration in order, in step with migrations/sqlite (test/schema-parity compares
 * the two schemas). Add new ones at the end; never edit a committed one.
 */
export const MIGRATIONS = [PostgresInitialSchema1795623467450, PostgresSearchIndex1795623500000, PostgresContentVersion1796487984331, PostgresSearchNameIndex1796493000000, PostgresPendingDraftAccount1796494412000, PostgresDropCalendarDataVersion1796500000001, PostgresAuditBody1796510000001, PostgresDatePolls1796515337719, PostgresCirculars1796517499944];
