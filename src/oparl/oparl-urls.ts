/** The OParl version this interface speaks, and the prefix of every object type. */
export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const OPARL_PREFIX = '/oparl/v1.1';

export type OparlType =
  | 'System'
  | 'Body'
  | 'LegislativeTerm'
  | 'Organization'
  | 'Person'
  | 'Membership'
  | 'Meeting'
  | 'AgendaItem'
  | 'Location'
  | 'File'
  | 'Paper'
  | 'Consultation'
  | 'Error';

export function oparlType(type: OparlType): string {
  return `${OPARL_VERSION}${type}`;
}

/** The one Body this installation serves: the network. */
export const NETWORK_BODY_ID = '1';

/** The lists of the Body, by the path segment under /body/1/. */
export const BODY_LISTS = ['organization', 'person', 'meeting', 'paper', 'agenda-item', 'consultation', 'file', 'membership', 'location', 'legislative-term'] as const;
export type BodyList = (typeof BODY_LISTS)[number];

/** An Organization is one of the network's bodies (Gremium) or one of its member organisations (Institution). */
export type OrganizationKey = { kind: 'gremium' | 'institution'; id: number };

/** Every canonical OParl URL, absolute (the id of an object is its URL). */
export class OparlUrls {
  constructor(private readonly baseUrl: string) {}

  path(path: string): string {
    return `${this.baseUrl}${OPARL_PREFIX}${path}`;
  }

  system(): string {
    return this.path('/system');
  }
  bodyList(): string {
    return this.path('/body');
  }
  body(): string {
    return this.path(`/body/${NETWORK_BODY_ID}`);
  }
  list(list: BodyList): string {
    return this.path(`/body/${NETWORK_BODY_ID}/${list}`);
  }
  gremium(bodyId: number): string {
    return this.path(`/organization/gremium-${bodyId}`);
  }
  gremiumMeetings(bodyId: number): string {
    return `${this.gremium(bodyId)}/meeting`;
  }
  institution(organisationId: number): string {
    return this.path(`/organization/institution-${organisationId}`);
  }
  person(id: number): string {
    return this.path(`/person/${id}`);
  }
  membership(id: number): string {
    return this.path(`/membership/${id}`);
  }
  meeting(id: number): string {
    return this.path(`/meeting/${id}`);
  }
  agendaItem(id: number): string {
    return this.path(`/agenda-item/${id}`);
  }
  location(id: number): string {
    return this.path(`/location/${id}`);
  }
  file(id: number): string {
    return this.path(`/file/${id}`);
  }
  /** The HTML page of the same thing (OParl `web`). */
  web(path: string): string {
    return `${this.baseUrl}${path}`;
  }
}

/** "gremium-12" / "institution-5" → the key; anything else (also "gremium-012") is no canonical Organization id. */
export function parseOrganizationKey(raw: string): OrganizationKey | null {
  const m = /^(gremium|institution)-([1-9]\d{0,9})$/.exec(raw);
  return m ? { kind: m[1] as OrganizationKey['kind'], id: Number(m[2]) } : null;
}

/** A canonical numeric id ("12", not "012" or "+12"), or null. */
export function parseObjectId(raw: string): number | null {
  return /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/** The canonical form of an id segment written with leading zeros ("007" → "7", "gremium-012" → "gremium-12"), else null. */
export function canonicalIdSegment(raw: string): string | null {
  const m = /^((?:gremium|institution)-)?0+([1-9]\d{0,9})$/.exec(raw);
  return m ? `${m[1] ?? ''}${m[2]}` : null;
}
