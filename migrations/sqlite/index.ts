import { InitialSchema1795618717672 } from './1795618717672-InitialSchema.js';
import { SearchFullText1795618800000 } from './1795618800000-SearchFullText.js';
import { Meetings1795619436605 } from './1795619436605-Meetings.js';
import { Auth1795619726267 } from './1795619726267-Auth.js';
import { Minutes1795620013713 } from './1795620013713-Minutes.js';
import { DirectoryEditing1795620869264 } from './1795620869264-DirectoryEditing.js';
import { Mail1795621911790 } from './1795621911790-Mail.js';
import { SeedRuns1795623129065 } from './1795623129065-SeedRuns.js';
import { ContentVersion1796487963457 } from './1796487963457-ContentVersion.js';
import { PendingDraftAccount1796494412000 } from './1796494412000-PendingDraftAccount.js';
import { DropCalendarDataVersion1796500000000 } from './1796500000000-DropCalendarDataVersion.js';
import { AuditBody1796510000000 } from './1796510000000-AuditBody.js';
import { PasswordResetRequests1796515285480 } from './1796515285480-PasswordResetRequests.js';
import { SearchEverything1796515327073 } from './1796515327073-SearchEverything.js';
import { DatePolls1796515337719 } from './1796515337719-DatePolls.js';
import { DevicePasswordsDav1796515344128 } from './1796515344128-DevicePasswordsDav.js';
import { OparlTombstones1796515349041 } from './1796515349041-OparlTombstones.js';
import { MeetingDocuments1796515370030 } from './1796515370030-MeetingDocuments.js';
import { Circulars1796517499944 } from './1796517499944-Circulars.js';
import { EmailChangeTokens1796517833826 } from './1796517833826-EmailChangeTokens.js';
import { Topics1796518564620 } from './1796518564620-Topics.js';
import { GeneratedDocuments1796519079481 } from './1796519079481-GeneratedDocuments.js';
import { CircularMeeting1796519282079 } from './1796519282079-CircularMeeting.js';

/** Every SQLite migration in order. Add new ones at the end; never edit a committed one. */
export const MIGRATIONS = [InitialSchema1795618717672, SearchFullText1795618800000, Meetings1795619436605, Auth1795619726267, Minutes1795620013713, DirectoryEditing1795620869264, Mail1795621911790, SeedRuns1795623129065, ContentVersion1796487963457, PendingDraftAccount1796494412000, DropCalendarDataVersion1796500000000, AuditBody1796510000000, PasswordResetRequests1796515285480, SearchEverything1796515327073, DatePolls1796515337719, DevicePasswordsDav1796515344128, OparlTombstones1796515349041, MeetingDocuments1796515370030, Circulars1796517499944, EmailChangeTokens1796517833826, Topics1796518564620, GeneratedDocuments1796519079481, CircularMeeting1796519282079];
