import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { memberViewer } from '../auth/viewer.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { CalendarFeedService } from '../calendar/calendar-feed.service.js';
import { type IcalEventInput, renderCalendar } from '../calendar/meeting-ical.js';
import { todayInBerlin } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { visibleContact } from '../people/person-contact.js';
import { personVCard } from '../people/person-vcard.js';
import { DavRepository } from './dav.repository.js';

export type DavCollectionKind = 'addressbook' | 'calendar';

/** One card or event as the client gets it. */
export interface RenderedResource {
  /** Last path segment, e.g. "person-12.vcf". */
  name: string;
  etag: string;
  text: string;
  /** Events only: for calendar-query time ranges. */
  startsAt?: Date;
  endsAt?: Date;
}

/** A collection a DAV account may read. */
export interface DavCollectionDef {
  kind: DavCollectionKind;
  /** Path segment under the account's home, e.g. "netzwerk", "gremium-7". */
  slug: string;
  /**
   * Sync-state key. What members see does not depend on which member asks (visibleContact and the
   * feeds distinguish members from the public only), so every member shares one state per key.
   */
  key: string;
  displayName: string;
  description: string;
  render: () => Promise<RenderedResource[]>;
}

/** The account behind a DAV request. */
export interface DavAccount {
  accountId: number;
  personId: number | null;
  email: string;
}

export const DIRECTORY_SLUG = 'netzwerk';
export const PERSONAL_SLUG = 'persoenlich';
const BODY_SLUG = /^gremium-([1-9][0-9]{0,9})$/;
/** People loaded and rendered at a time (the whole directory at once would not fit a 160 MB heap). */
const CARD_SLICE = 500;

/** A strong ETag of a rendered text. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** A file name for an event: its UID, reduced to safe characters (hashed when long). */
function eventName(uid: string): string {
  const safe = uid.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe.length <= 100 ? safe : createHash('sha256').update(uid).digest('hex')}.ics`;
}

/**
 * Which address books and calendars an account has, and their contents: the directory (everyone who
 * consented) and one address book per body the person belongs to; the personal calendar (the personal
 * feed's events) and one per body. Cards come from visibleContact() and personVCard(), events from
 * the feeds' builder (CalendarFeedService), each event as its own VCALENDAR with the VTIMEZONE.
 */
@Injectable()
export class DavCollectionsService {
  private readonly host: string;

  constructor(
    private readonly repository: DavRepository,
    private readonly policy: BodyPolicyService,
    private readonly feeds: CalendarFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.host = new URL(config.baseUrl).hostname;
  }

  async list(account: DavAccount, kind: DavCollectionKind, now = new Date()): Promise<DavCollectionDef[]> {
    const bodies = account.personId === null ? [] : await this.repository.findCurrentBodiesOf(account.personId, todayInBerlin(now));
    const first = kind === 'addressbook' ? this.directory(account, now) : this.personal(account, now);
    return [first, ...bodies.map((b) => this.ofBody(account, kind, b, now))];
  }

  async find(account: DavAccount, kind: DavCollectionKind, slug: string, now = new Date()): Promise<DavCollectionDef | null> {
    if (kind === 'addressbook' && slug === DIRECTORY_SLUG) return this.directory(account, now);
    if (kind === 'calendar' && slug === PERSONAL_SLUG) return this.personal(account, now);
    if (!BODY_SLUG.test(slug)) return null;
    return (await this.list(account, kind, now)).find((c) => c.slug === slug) ?? null;
  }

  private directory(account: DavAccount, now: Date): DavCollectionDef {
    return {
      kind: 'addressbook',
      slug: DIRECTORY_SLUG,
      key: 'addressbook:directory',
      displayName: this.config.siteName,
      description: `Alle Personen im Verzeichnis ${this.config.siteName}, die der Veröffentlichung zugestimmt haben`,
      render: () => this.cards(account, undefined, now),
    };
  }

  private personal(account: DavAccount, now: Date): DavCollectionDef {
    return {
      kind: 'calendar',
      slug: PERSONAL_SLUG,
      key: account.personId === null ? 'calendar:nobody' : `calendar:person:${account.personId}`,
      displayName: `${this.config.siteName}: meine Sitzungen`,
      description: 'Alle Sitzungen meiner Gremien',
      render: async () => this.eventResources(await this.feeds.personalEvents(account.personId, now)),
    };
  }

  private ofBody(account: DavAccount, kind: DavCollectionKind, body: { id: number; name: string; shortName: string | null }, now: Date): DavCollectionDef {
    const slug = `gremium-${body.id}`;
    if (kind === 'addressbook') {
      return {
        kind,
        slug,
        key: `addressbook:body:${body.id}`,
        displayName: body.name,
        description: `Mitglieder: ${body.name}`,
        render: async () => this.cards(account, await this.policy.currentMemberIds(body.id, todayInBerlin(now)), now),
      };
    }
    return {
      kind,
      slug,
      key: `calendar:body:${body.id}`,
      displayName: `${body.shortName ?? body.name}: Sitzungen`,
      description: `Sitzungen: ${body.name}`,
      render: async () => this.eventResources(await this.feeds.bodyEvents(body.id, this.viewerOf(account), now)),
    };
  }

  private viewerOf(account: DavAccount) {
    return memberViewer(account.accountId, account.personId);
  }

  private async cards(account: DavAccount, ids: readonly number[] | undefined, now: Date): Promise<RenderedResource[]> {
    const [consented, bodyNames] = await Promise.all([
      this.repository.findConsentedIds(ids),
      this.repository.findCurrentBodyNamesByPerson(todayInBerlin(now)),
    ]);
    const viewer = this.viewerOf(account);
    const origin = { baseUrl: this.config.baseUrl };
    const out: RenderedResource[] = [];
    for (let i = 0; i < consented.length; i += CARD_SLICE) {
      for (const p of await this.repository.findWithContact(consented.slice(i, i + CARD_SLICE))) {
        const text = personVCard(visibleContact(p, viewer), origin, bodyNames.get(p.id) ?? []);
        out.push({ name: `person-${p.id}.vcf`, etag: etagOf(text), text });
      }
    }
    return out;
  }

  private eventResources(events: IcalEventInput[]): RenderedResource[] {
    return events.map((e) => {
      const text = renderCalendar({ name: e.summary, description: e.summary, url: e.url, host: this.host, events: [e] });
      return { name: eventName(e.uid), etag: etagOf(text), text, startsAt: e.startsAt, endsAt: e.endsAt };
    });
  }
}
