/**
 * JSON Schemas for the OParl 1.1 objects this installation serves, written from the field tables of
 * the specification (https://dev.oparl.org/spezifikation/, chapter "Schema") — our own wording, not
 * the spec's schema files. Stricter than the spec where the issue asks for it: every object has
 * created and modified, date-times carry the Berlin offset, and no property outside the field table
 * is allowed (so nothing unexpected, e.g. a contact field, can slip out).
 */
type Schema = Record<string, unknown>;

const V = 'https://schema.oparl.org/1.1/';

/** yyyy-mm-ddThh:mm:ss±hh:mm in Europe/Berlin: +01:00 in winter, +02:00 in summer. */
export const BERLIN_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0[12]:00$';
const dateTime: Schema = { type: 'string', pattern: BERLIN_DATE_TIME };
const date: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' };
const url: Schema = { type: 'string', format: 'uri', pattern: '^https?://' };
const urls: Schema = { type: 'array', items: url };
const text: Schema = { type: 'string', minLength: 1 };
const texts: Schema = { type: 'array', items: { type: 'string' } };

/** The members every object has (chapter "Eigenschaften mit Verwendung in mehreren Objekttypen"). */
function object(type: string, properties: Schema, required: string[]): Schema {
  return {
    type: 'object',
    properties: {
      id: url,
      type: { const: `${V}${type}` },
      license: url,
      keyword: texts,
      created: dateTime,
      modified: dateTime,
      web: url,
      deleted: { const: false },
      ...properties,
    },
    required: ['id', 'type', 'created', 'modified', ...required],
    additionalProperties: false,
  };
}

export const LOCATION = object(
  'Location',
  {
    description: text,
    geojson: { type: 'object' },
    streetAddress: text,
    room: text,
    postalCode: text,
    subLocality: text,
    locality: text,
    bodies: urls,
    organizations: urls,
    persons: urls,
    meetings: urls,
    papers: urls,
  },
  [],
);

export const FILE = object(
  'File',
  {
    name: text,
    fileName: text,
    mimeType: text,
    date,
    size: { type: 'integer', minimum: 0 },
    sha1Checksum: { type: 'string', pattern: '^[0-9a-f]{40}$' },
    sha512Checksum: { type: 'string', pattern: '^[0-9a-f]{128}$' },
    text: { type: 'string' },
    accessUrl: url,
    downloadUrl: url,
    externalServiceUrl: url,
    masterFile: url,
    derivativeFile: urls,
    fileLicense: url,
    meeting: urls,
    agendaItem: urls,
    person: url,
    paper: urls,
  },
  ['accessUrl'],
);

export const LEGISLATIVE_TERM = object('LegislativeTerm', { body: url, name: text, startDate: date, endDate: date }, []);

export const MEMBERSHIP = object(
  'Membership',
  { person: url, organization: url, role: text, votingRight: { type: 'boolean' }, startDate: date, endDate: date, onBehalfOf: url },
  ['organization', 'votingRight'],
);

export const AGENDA_ITEM = object(
  'AgendaItem',
  {
    meeting: url,
    number: text,
    order: { type: 'integer', minimum: 0 },
    name: text,
    public: { type: 'boolean' },
    consultation: url,
    result: text,
    resolutionText: text,
    resolutionFile: FILE,
    auxiliaryFile: { type: 'array', items: FILE },
    start: dateTime,
    end: dateTime,
  },
  ['order', 'name', 'auxiliaryFile'],
);

export const MEETING = object(
  'Meeting',
  {
    name: text,
    meetingState: text,
    cancelled: { type: 'boolean' },
    start: dateTime,
    end: dateTime,
    location: LOCATION,
    organization: urls,
    participant: urls,
    invitation: FILE,
    resultsProtocol: FILE,
    verbatimProtocol: FILE,
    auxiliaryFile: { type: 'array', items: FILE },
    agendaItem: { type: 'array', items: AGENDA_ITEM },
  },
  ['name', 'start', 'organization', 'participant', 'auxiliaryFile'],
);

export const PERSON = object(
  'Person',
  {
    body: url,
    name: text,
    familyName: text,
    givenName: text,
    formOfAddress: text,
    affix: text,
    title: texts,
    gender: text,
    phone: texts,
    email: { type: 'array', items: { type: 'string', format: 'email' } },
    location: url,
    locationObject: LOCATION,
    status: texts,
    membership: { type: 'array', items: MEMBERSHIP },
    image: FILE,
    life: text,
    lifeSource: text,
  },
  ['name', 'familyName', 'title', 'phone', 'email', 'status'],
);

export const ORGANIZATION = object(
  'Organization',
  {
    body: url,
    name: text,
    membership: urls,
    meeting: url,
    consultation: url,
    shortName: text,
    post: texts,
    subOrganizationOf: url,
    organizationType: { enum: ['Gremium', 'Institution'] },
    classification: text,
    startDate: date,
    endDate: date,
    website: url,
    location: LOCATION,
    externalBody: url,
    memberCount: { type: 'integer', minimum: 0 },
    votingMemberCount: { type: 'integer', minimum: 0 },
  },
  ['body', 'name', 'organizationType', 'membership'],
);

export const BODY = object(
  'Body',
  {
    system: url,
    shortName: text,
    name: text,
    website: url,
    license: url,
    licenseValidSince: dateTime,
    oparlSince: dateTime,
    ags: text,
    rgs: text,
    equivalent: urls,
    contactEmail: text,
    contactName: text,
    organization: url,
    person: url,
    meeting: url,
    paper: url,
    legislativeTerm: { type: 'array', items: LEGISLATIVE_TERM },
    agendaItem: url,
    consultation: url,
    file: url,
    locationList: url,
    legislativeTermList: url,
    membership: url,
    classification: text,
    location: LOCATION,
    mainOrganization: url,
  },
  ['name', 'organization', 'person', 'meeting', 'paper', 'legislativeTerm', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership'],
);

export const SYSTEM = object(
  'System',
  {
    oparlVersion: { const: V },
    otherOparlVersions: urls,
    body: url,
    name: text,
    contactEmail: text,
    contactName: text,
    website: url,
    vendor: url,
    product: url,
  },
  ['oparlVersion', 'body'],
);

/** A deleted object: id, type, created and modified (the deletion time) and `deleted: true` — nothing else. */
export const TOMBSTONE: Schema = {
  type: 'object',
  properties: {
    id: url,
    type: { enum: ['Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'File'].map((t) => `${V}${t}`) },
    created: dateTime,
    modified: dateTime,
    deleted: { const: true },
  },
  required: ['id', 'type', 'created', 'modified', 'deleted'],
  additionalProperties: false,
};

export const LIST_PAGE: Schema = {
  type: 'object',
  properties: {
    data: { type: 'array', items: { type: 'object' } },
    pagination: {
      type: 'object',
      properties: {
        totalElements: { type: 'integer', minimum: 0 },
        elementsPerPage: { type: 'integer', minimum: 1 },
        currentPage: { type: 'integer', minimum: 1 },
        totalPages: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    links: {
      type: 'object',
      properties: { first: url, prev: url, self: url, next: url, last: url, web: url },
      required: ['first', 'self'],
      additionalProperties: false,
    },
  },
  required: ['data', 'pagination', 'links'],
  additionalProperties: false,
};

export const ERROR: Schema = {
  type: 'object',
  properties: { type: { const: `${V}Error` }, message: text, debug: { type: 'string' } },
  required: ['type', 'message'],
  additionalProperties: false,
};

/** The schema of a live object by its OParl type. */
export const SCHEMA_BY_TYPE: Record<string, Schema> = {
  [`${V}System`]: SYSTEM,
  [`${V}Body`]: BODY,
  [`${V}Organization`]: ORGANIZATION,
  [`${V}Person`]: PERSON,
  [`${V}Membership`]: MEMBERSHIP,
  [`${V}Meeting`]: MEETING,
  [`${V}AgendaItem`]: AGENDA_ITEM,
  [`${V}Location`]: LOCATION,
  [`${V}File`]: FILE,
  [`${V}LegislativeTerm`]: LEGISLATIVE_TERM,
};
