import { PostgresInitialSchema1795623467450 } from './1795623467450-PostgresInitialSchema.js';
import { PostgresSearchIndex1795623500000 } from './1795623500000-PostgresSearchIndex.js';
import { PostgresContentVersion1796487984331 } from './1796487984331-PostgresContentVersion.js';
import { PostgresSearchNameIndex1796493000000 } from './1796493000000-PostgresSearchNameIndex.js';
import { PostgresPendingDraftAccount1796494412000 } from './1796494412000-PostgresPendingDraftAccount.js';
import { PostgresDropCalendarDataVersion1796500000001 } from './1796500000001-PostgresDropCalendarDataVersion.js';
import { PostgresAuditBody1796510000001 } from './1796510000001-PostgresAuditBody.js';
import { PostgresPasswordResetRequests1796515285480 } from './1796515285480-PostgresPasswordResetRequests.js';
import { PostgresSearchEverything1796515327074 } from './1796515327074-PostgresSearchEverything.js';
import { PostgresDatePolls1796515337719 } from './1796515337719-PostgresDatePolls.js';
import { PostgresDevicePasswordsDav1796515344129 } from './1796515344129-PostgresDevicePasswordsDav.js';
import { PostgresOparlTombstones1796515349042 } from './1796515349042-PostgresOparlTombstones.js';
import { PostgresMeetingDocuments1796515370031 } from './1796515370031-PostgresMeetingDocuments.js';
import { PostgresCirculars1796517499944 } from './1796517499944-PostgresCirculars.js';
import { PostgresEmailChangeTokens1796517833826 } from './1796517833826-PostgresEmailChangeTokens.js';
import { PostgresTopics1796518564621 } from './1796518564621-PostgresTopics.js';
import { PostgresGeneratedDocuments1796519079481 } from './1796519079481-PostgresGeneratedDocuments.js';
import { PostgresCircularMeeting1796519282079 } from './1796519282079-PostgresCircularMeeting.js';

/** Every PostgreSQL migration in order. Add new ones at the end; never edit a committed one. */
export const MIGRATIONS = [PostgresInitialSchema1795623467450, PostgresSearchIndex1795623500000, PostgresContentVersion1796487984331, PostgresSearchNameIndex1796493000000, PostgresPendingDraftAccount1796494412000, PostgresDropCalendarDataVersion1796500000001, PostgresAuditBody1796510000001, PostgresPasswordResetRequests1796515285480, PostgresSearchEverything1796515327074, PostgresDatePolls1796515337719, PostgresDevicePasswordsDav1796515344129, PostgresOparlTombstones1796515349042, PostgresMeetingDocuments1796515370031, PostgresCirculars1796517499944, PostgresEmailChangeTokens1796517833826, PostgresTopics1796518564621, PostgresGeneratedDocuments1796519079481, PostgresCircularMeeting1796519282079];
