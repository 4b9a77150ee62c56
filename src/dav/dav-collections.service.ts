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
  /** Every resource, rendered a slice at a time (the whole directory at once would not fit the heap). */
  render: () => AsyncIterable<RenderedResource[]>;
  /** Just these resources (by name) as they are now; names no longer in the collection are left out. */
  renderSome: (names: readonly string[]) => Promise<RenderedResource[]>;
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
export const CARD_SLICE = 500;
const CARD_NAME = /^person-([1-9][0-9]{0,9})\.vcf$/;

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
      renderSome: async (names) => this.cardsNamed(account, names, undefined, now),
    };
  }

  private personal(account: DavAccount, now: Date): DavCollectionDef {
    return {
      kind: 'calendar',
      slug: PERSONAL_SLUG,
      key: account.personId === null ? 'calendar:nobody' : `calendar:person:${account.personId}`,
      displayName: `${this.config.siteName}: meine Sitzungen`,
      description: 'Alle Sitzungen meiner Gremien',
      render: () => slices(async () => this.eventResources(await this.feeds.personalEvents(account.personId, now))),
      renderSome: async (names) => named(this.eventResources(await this.feeds.personalEvents(account.personId, now)), names),
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
        render: () => this.cards(account, () => this.policy.currentMemberIds(body.id, todayInBerlin(now)), now),
        renderSome: async (names) => this.cardsNamed(account, names, () => this.policy.currentMemberIds(body.id, todayInBerlin(now)), now),
      };
    }
    return {
      kind,
      slug,
      key: `calendar:body:${body.id}`,
      displayName: `${body.shortName ?? body.name}: Sitzungen`,
      description: `Sitzungen: ${body.name}`,
      render: () => slices(async () => this.eventResources(await this.feeds.bodyEvents(body.id, this.viewerOf(account), now))),
      renderSome: async (names) => named(this.eventResources(await this.feeds.bodyEvents(body.id, this.viewerOf(account), now)), names),
    };
  }

  private viewerOf(account: DavAccount) {
    return memberViewer(account.accountId, account.personId);
  }

  /** The cards of everyone who consented (optionally only among `members()`), a slice at a time. */
  private async *cards(account: DavAccount, members: (() => Promise<readonly number[]>) | undefined, now: Date): AsyncGenerator<RenderedResource[]> {
    const consented = await this.repository.findConsentedIds(members ? await members() : undefined);
    const bodyNames = await this.repository.findCurrentBodyNamesByPerson(todayInBerlin(now));
    for (let i = 0; i < consented.length; i += CARD_SLICE) yield this.renderCards(account, consented.slice(i, i + CARD_SLICE), bodyNames);
  }

  /** The cards of these names (person-ID.vcf) whose people consented (and are among `members()`). */
  private async cardsNamed(account: DavAccount, names: readonly string[], members: (() => Promise<readonly number[]>) | undefined, now: Date): Promise<RenderedResource[]> {
    let ids = names.map((n) => CARD_NAME.exec(n)).flatMap((m) => (m ? [Number(m[1])] : []));
    if (members && ids.length > 0) {
      const current = new Set(await members());
      ids = ids.filter((id) => current.has(id));
    }
    const out: RenderedResource[] = [];
    for (let i = 0; i < ids.length; i += CARD_SLICE) {
      const consented = await this.repository.findConsentedIds(ids.slice(i, i + CARD_SLICE));
      if (consented.length === 0) continue;
      const bodyNames = await this.repository.findCurrentBodyNamesByPerson(todayInBerlin(now), consented);
      out.push(...(await this.renderCards(account, consented, bodyNames)));
    }
    return out;
  }

  private async renderCards(account: DavAccount, ids: readonly number[], bodyNames: Map<number, string[]>): Promise<RenderedResource[]> {
    const viewer = this.viewerOf(account);
    const origin = { baseUrl: this.config.baseUrl };
    return (await this.repository.findWithContact(ids)).map((p) => {
      const text = personVCard(visibleContact(p, viewer), origin, bodyNames.get(p.id) ?? []);
      return { name: `person-${p.id}.vcf`, etag: etagOf(text), text };
    });
  }

  private eventResources(events: IcalEventInput[]): RenderedResource[] {
    return events.map((e) => {
      const text = renderCalendar({ name: e.summary, description: e.summary, url: e.url, host: this.host, events: [e] });
      return { name: eventName(e.uid), etag: etagOf(text), text, startsAt: e.startsAt, endsAt: e.endsAt };
    });
  }
}

/** A collection rendered at once (calendars: the feeds' builder gives every event together) as one slice. */
async function* slices(render: () => Promise<RenderedResource[]>): AsyncGenerator<RenderedResource[]> {
  yield await render();
}

function named(all: RenderedResource[], names: readonly string[]): RenderedResource[] {
  const wanted = new Set(names);
  return all.filter((r) => wanted.has(r.name));
}
