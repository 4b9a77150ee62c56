import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import type { EventAgendaFacts, MeetingFacts, MeetingFilter } from '../meetings/meeting-reads.js';
import { agendaForAudience, seesInternalMeetings } from '../meetings/meeting-visibility.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { ContentVersionReader } from '../page-cache/content-version.reader.js';
import { rendered, type RenderedCalendar } from './http-cache.js';
import { type EventAgendaItem, type EventMeeting, meetingEvent } from './meeting-event.js';
import { type IcalEventInput, renderCalendar } from './meeting-ical.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';

/** How far back feeds reach: meetings from the first day of the month a year ago on. */
export function feedWindowStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
}

/** A fingerprint of everything a feed shows, read from the database so all app instances agree. */
export interface DataFingerprint {
  key: string;
  lastModified: Date;
}

const MAX_CACHED_FEEDS = 500;
/** People whose current bodies are remembered (for the personal feed's cache key). */
const MAX_CACHED_BODY_SETS = 5000;

interface CacheEntry {
  key: string;
  calendar: RenderedCalendar;
}

/**
 * Builds iCalendar feeds and single-meeting files. Feed bytes are cached per scope and data
 * fingerprint: a poll costs one small query, and a feed is rebuilt only after a change.
 */
/** Stores `value` as the newest entry of `map` and drops the oldest beyond `max` (a small LRU by insertion order). */
function rememberNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** What a feed holds: the meetings of the feed window, oldest first; of these bodies when given. */
function feedFilter(now: Date, includeInternal: boolean, bodyIds?: number[]): MeetingFilter {
  return { includeInternal, ...(bodyIds ? { bodyIds } : {}), endsFrom: feedWindowStart(now), order: 'ASC' };
}

@Injectable()
export class CalendarFeedService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly building = new Map<string, Promise<RenderedCalendar>>();
  private readonly bodySets = new Map<number, { key: string; bodyIds: number[] }>();
  /** How many feeds were built (not served from cache); for tests and diagnostics. */
  builds = 0;
  private readonly host: string;
  private readonly versions: ContentVersionReader;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly repository: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly policy: BodyPolicyService,
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.host = new URL(config.baseUrl).hostname;
    this.versions = new ContentVersionReader(dataSource);
  }

  /**
   * Everything feeds depend on, as one primary-key read: the content version, which every write to
   * a content table raises in its own transaction (ContentVersionSubscriber, src/page-cache), so all
   * app instances sharing the database see the same key. The day and feed window are part of it too.
   */
  async fingerprint(now: Date): Promise<DataFingerprint> {
    const { key, changedAt } = await this.versions.read();
    return { key: `${todayInBerlin(now)}#${feedWindowStart(now).toISOString()}#${key}`, lastModified: changedAt };
  }

  private async cached(scope: string, now: Date, build: () => Promise<string>, known?: DataFingerprint): Promise<RenderedCalendar> {
    const fp = known ?? (await this.fingerprint(now));
    const hit = this.cache.get(scope);
    if (hit && hit.key === fp.key) return hit.calendar;
    // Pollers that arrive while a stale feed is being rebuilt wait for that one build.
    const flightKey = `${scope}#${fp.key}`;
    const inFlight = this.building.get(flightKey);
    if (inFlight) return inFlight;
    const job = this.rebuild(scope, fp, hit, build).finally(() => this.building.delete(flightKey));
    this.building.set(flightKey, job);
    return job;
  }

  private async rebuild(scope: string, fp: DataFingerprint, hit: CacheEntry | undefined, build: () => Promise<string>): Promise<RenderedCalendar> {
    const fresh = rendered(await build(), fp.lastModified);
    this.builds++;
    // Same bytes as before: keep the old validators, clients need not download again.
    const calendar = hit && hit.calendar.etag === fresh.etag ? hit.calendar : fresh;
    rememberNewest(this.cache, scope, { key: fp.key, calendar }, MAX_CACHED_FEEDS);
    return calendar;
  }

  /** All public meetings of public bodies, public agenda items only. */
  publicFeed(now: Date = new Date()): Promise<RenderedCalendar> {
    return this.cached('public', now, async () => {
      return this.render(feedFilter(now, false), {
        name: `${this.config.siteName}: Sitzungen`,
        description: `Alle öffentlichen Sitzungen der Gremien im ${this.config.siteName}`,
        url: `${this.config.baseUrl}/sitzungen`,
      });
    });
  }

  /** One body's meetings; 404 for an internal body seen anonymously, internal meetings for members only. */
  async bodyFeed(bodyId: number, viewer: Viewer, now: Date = new Date()): Promise<RenderedCalendar> {
    const body = await this.meetings.visibleBody(bodyId, viewer);
    const internal = seesInternalMeetings(viewer);
    return this.cached(`body:${bodyId}:${internal ? 'member' : 'public'}`, now, async () => {
      return this.render(feedFilter(now, internal, [bodyId]), {
        name: `${body.shortName ?? body.name}: Sitzungen`,
        description: `Sitzungen: ${body.name}`,
        url: `${this.config.baseUrl}/sitzungen?gremium=${body.id}`,
      });
    });
  }

  /**
   * All meetings (internal ones included) of the bodies a person currently belongs to. Nothing in it
   * is personal but that set of bodies: cached per set (and content version), so everyone on the
   * same bodies shares one copy, with one ETag.
   */
  async personalFeed(personId: number | null, now: Date = new Date()): Promise<RenderedCalendar> {
    const fp = await this.fingerprint(now);
    const bodyIds = await this.bodiesOf(personId, now, fp);
    return this.cached(`bodies:${bodyIds.join(',')}`, now, async () => {
      return this.render(feedFilter(now, true, bodyIds), {
        name: `${this.config.siteName}: meine Sitzungen`,
        description: 'Alle Sitzungen meiner Gremien',
        url: `${this.config.baseUrl}/sitzungen`,
      });
    }, fp);
  }

  /** The bodies a person currently belongs to (sorted), read once per content version and person. */
  private async bodiesOf(personId: number | null, now: Date, fp: DataFingerprint): Promise<number[]> {
    if (personId === null) return [];
    const known = this.bodySets.get(personId);
    if (known && known.key === fp.key) return known.bodyIds;
    const bodyIds = [...(await this.repository.findBodyIdsOfPerson(personId, todayInBerlin(now)))].sort((a, b) => a - b);
    rememberNewest(this.bodySets, personId, { key: fp.key, bodyIds }, MAX_CACHED_BODY_SETS);
    return bodyIds;
  }

  /** One meeting as a file to download (not cached: cheap, and depends on the viewer). */
  async singleMeeting(id: number, viewer: Viewer): Promise<{ calendar: RenderedCalendar; meeting: Meeting }> {
    const meeting = await this.meetings.visibleMeeting(id, viewer);
    const agenda = await this.repository.findAgenda(meeting.id);
    const text = renderCalendar({
      name: meeting.title,
      description: meeting.body.name,
      url: `${this.config.baseUrl}/sitzungen/${meeting.id}`,
      host: this.host,
      events: await this.events([meeting], new Map([[meeting.id, agenda]]), seesInternalMeetings(viewer)),
    });
    const last = Math.max(meeting.updatedAt.getTime(), ...agenda.map((a) => a.updatedAt.getTime()));
    return { calendar: rendered(text, new Date(last)), meeting };
  }

  /** The events of the personal feed, one per meeting (CalDAV serves them one by one, src/dav). */
  async personalEvents(personId: number | null, now: Date = new Date()): Promise<IcalEventInput[]> {
    const bodyIds = await this.bodiesOf(personId, now, await this.fingerprint(now));
    return this.filteredEvents(feedFilter(now, true, bodyIds));
  }

  /** The events of a body's feed as a member sees it (CalDAV, src/dav). */
  async bodyEvents(bodyId: number, viewer: Viewer, now: Date = new Date()): Promise<IcalEventInput[]> {
    await this.meetings.visibleBody(bodyId, viewer);
    const internal = seesInternalMeetings(viewer);
    return this.filteredEvents(feedFilter(now, internal, [bodyId]));
  }

  private async render(filter: MeetingFilter, meta: { name: string; description: string; url: string }): Promise<string> {
    return renderCalendar({ ...meta, host: this.host, events: await this.filteredEvents(filter) });
  }

  /** The events of a filter's meetings, read as plain rows (meetings with body and place, their agendas). */
  private async filteredEvents(filter: MeetingFilter): Promise<IcalEventInput[]> {
    const meetings: MeetingFacts[] = await this.repository.readAll(filter);
    const agendas = meetings.length === 0 ? new Map<number, EventAgendaFacts[]>() : await this.repository.readEventAgendas(filter);
    return this.events(meetings, agendas, filter.includeInternal);
  }

  private async events(
    meetings: readonly (EventMeeting & { bodyId: number; isPublic: boolean; body: { isPublic: boolean } })[],
    agendas: ReadonlyMap<number, readonly (EventAgendaItem & { isPublic: boolean })[]>,
    internal: boolean,
  ): Promise<IcalEventInput[]> {
    const bodyIds = [...new Set(meetings.map((m) => m.bodyId))];
    const chairOf = await this.policy.currentChairContacts(bodyIds, todayInBerlin());
    const attachments = await this.documents.publicDocumentUrls(meetings);
    return meetings.map((m) =>
      meetingEvent(m, agendaForAudience(agendas.get(m.id) ?? [], internal), {
        baseUrl: this.config.baseUrl,
        host: this.host,
        chair: chairOf.get(m.bodyId) ?? null,
        attachments: attachments.get(m.id),
      }),
    );
  }
}
