import { formatDateTime } from '../common/dates.js';
import type { SelectOption } from '../common/forms/form.js';
import type { AccountPerson } from './account-people.js';
import type { AccountWithPerson, SetPasswordLink } from './accounts.service.js';

export interface AccountRowView {
  id: number;
  email: string;
  personName: string | null;
  personHref: string | null;
  roleLabel: string;
  statusLabel: string;
  lastLogin: string;
  disabled: boolean;
  linkAction: string;
  disableAction: string;
  enableAction: string;
  isSelf: boolean;
}

export function accountRow({ account: a, person }: AccountWithPerson, viewerAccountId: number): AccountRowView {
  return {
    id: a.id,
    email: a.email,
    personName: person ? person.displayName : null,
    personHref: person ? `/personen/${person.id}` : null,
    roleLabel: a.isAdmin ? 'Administration' : 'Mitglied',
    statusLabel: a.disabledAt ? `gesperrt seit ${formatDateTime(a.disabledAt)}` : a.mustChangePassword ? 'aktiv, muss Passwort ändern' : 'aktiv',
    lastLogin: a.lastLoginAt ? formatDateTime(a.lastLoginAt) : 'noch nie',
    disabled: a.disabledAt !== null,
    linkAction: `/admin/konten/${a.id}/passwort-link`,
    disableAction: `/admin/konten/${a.id}/sperren`,
    enableAction: `/admin/konten/${a.id}/entsperren`,
    isSelf: a.id === viewerAccountId,
  };
}

export function personOptions(people: AccountPerson[]): SelectOption[] {
  return people.map((p) => ({
    value: String(p.id),
    label: p.functionTitle ? `${p.sortName} (${p.functionTitle})` : p.sortName,
  }));
}

export interface LinkView {
  url: string;
  expires: string;
  email: string;
}

export function linkView(link: SetPasswordLink): LinkView {
  return { url: link.url, expires: formatDateTime(link.expiresAt), email: link.account.email };
}

export interface AccountSummaryView {
  email: string;
  personName: string | null;
  personHref: string | null;
  roleLabel: string;
  isAdmin: boolean;
  lastLogin: string;
  passwordChanged: string;
}

export function accountSummary({ account: a, person }: AccountWithPerson): AccountSummaryView {
  return {
    email: a.email,
    personName: person ? person.displayName : null,
    personHref: person ? `/personen/${person.id}` : null,
    roleLabel: a.isAdmin ? 'Administration' : 'Mitglied',
    isAdmin: a.isAdmin,
    lastLogin: a.lastLoginAt ? formatDateTime(a.lastLoginAt) : 'noch nie',
    passwordChanged: a.passwordChangedAt ? formatDateTime(a.passwordChangedAt) : 'noch nie',
  };
}
