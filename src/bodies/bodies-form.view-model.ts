import { formatGermanDate } from '../common/forms/field-formats.js';
import type { SelectOption } from '../common/forms/form.js';
import type { Body } from './body.entity.js';
import type { Choice } from './memberships.service.js';
import type { Membership } from './membership.entity.js';

export const NEW_BODY_VALUES = { isPublic: 'on', defaultDurationMinutes: '120', noticePeriodDays: '14' };

export function bodyFormValues(b: Body): Record<string, string> {
  return {
    name: b.name,
    shortName: b.shortName ?? '',
    code: b.code,
    kind: b.kind,
    description: b.description ?? '',
    foundedOn: b.foundedOn ? (b.foundedYearOnly ? b.foundedOn.slice(0, 4) : formatGermanDate(b.foundedOn)) : '',
    isPublic: b.isPublic ? 'on' : '',
    defaultDurationMinutes: String(b.defaultDurationMinutes),
    noticePeriodDays: String(b.noticePeriodDays),
  };
}

export function membershipFormValues(m: Membership): Record<string, string> {
  return {
    role: m.role,
    votingRight: m.votingRight ? 'on' : '',
    onBehalfOfId: m.onBehalfOfId === null ? '' : String(m.onBehalfOfId),
    startDate: formatGermanDate(m.startDate),
    endDate: formatGermanDate(m.endDate),
    note: m.note ?? '',
  };
}

export function choiceOptions(choices: Choice[]): SelectOption[] {
  return choices.map((c) => ({ value: String(c.id), label: c.name }));
}
