import 'reflect-metadata';
import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { defineForm, FormRejected, formView, pageTitleFor, readForm, submitForm, validateForm } from './form.js';

const SPEC = defineForm('probe', {
  name: { label: 'Name', required: true, hint: 'Vor- und Nachname' },
  email: { label: 'E-Mail', type: 'email', autocomplete: 'email' },
  secret: { label: 'Passwort', type: 'password', keepValue: false },
  kind: { label: 'Art', control: 'select', emptyOption: 'Bitte wählen', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
  agree: { label: 'Einverstanden', control: 'checkbox' },
});

class ProbeDto {
  @IsNotEmpty({ message: 'Bitte geben Sie einen Namen ein.' })
  @MaxLength(5, { message: 'Höchstens 5 Zeichen.' })
  name: string;

  @IsNotEmpty({ message: 'Bitte geben Sie eine E-Mail-Adresse ein.' })
  @IsEmail({}, { message: 'Das ist keine E-Mail-Adresse.' })
  email: string;

  secret: string;
  kind: string;
  agree: string;
}

describe('form pattern', () => {
  it('reads only strings of known fields; arrays and objects become empty, checkboxes on/empty', () => {
    const values = readForm(SPEC, { name: ['x', 'y'], email: { a: 1 }, secret: 'pw', kind: 'b', agree: 'yes', extra: 'dropped' });
    expect(values).toEqual({ name: '', email: '', secret: 'pw', kind: 'b', agree: 'on' });
    expect(readForm(SPEC, undefined)).toEqual({ name: '', email: '', secret: '', kind: '', agree: '' });
  });

  it('keeps typed values but never the password, marks the selected option and the checkbox', () => {
    const view = formView(SPEC, { name: 'Đặng', email: 'x@example.org', secret: 'geheim', kind: 'b', agree: 'on' });
    expect(view.fields.name.value).toBe('Đặng');
    expect(view.fields.secret.value).toBe('');
    expect(view.fields.kind.options).toEqual([
      { value: '', label: 'Bitte wählen', selected: false },
      { value: 'a', label: 'A', selected: false },
      { value: 'b', label: 'B', selected: true },
    ]);
    expect(view.fields.agree.checked).toBe(true);
    expect(view.hasErrors).toBe(false);
  });

  it('ties errors and hints to fields by id and lists them for the summary in field order', () => {
    const view = formView(SPEC, {}, { email: 'E-Mail fehlt', name: 'Name fehlt' });
    expect(view.fields.name).toMatchObject({
      id: 'probe-name',
      hintId: 'probe-name-hinweis',
      errorId: 'probe-name-fehler',
      describedBy: 'probe-name-hinweis probe-name-fehler',
      invalid: true,
      required: true,
    });
    expect(view.fields.email.describedBy).toBe('probe-email-fehler');
    expect(view.fields.kind.describedBy).toBeNull();
    expect(view.errorList).toEqual([
      { href: '#probe-name', message: 'Name fehlt' },
      { href: '#probe-email', message: 'E-Mail fehlt' },
    ]);
    expect(pageTitleFor('Probe', view)).toBe('Fehler: Probe');
  });

  it('validates with the DTO: the first failing decorator in reading order gives the message', async () => {
    const empty = await validateForm(SPEC, ProbeDto, readForm(SPEC, {}));
    expect(empty).toEqual({ ok: false, errors: { name: 'Bitte geben Sie einen Namen ein.', email: 'Bitte geben Sie eine E-Mail-Adresse ein.' } });
    const bad = await validateForm(SPEC, ProbeDto, readForm(SPEC, { name: 'Zu lang', email: 'nein' }));
    expect(bad).toEqual({ ok: false, errors: { name: 'Höchstens 5 Zeichen.', email: 'Das ist keine E-Mail-Adresse.' } });
    const good = await validateForm(SPEC, ProbeDto, readForm(SPEC, { name: 'Anna', email: 'anna@example.org' }));
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.value).toBeInstanceOf(ProbeDto);
  });
});

describe('submitForm', () => {
  function fakeResponse(): { res: Response; redirects: [number, string][] } {
    const redirects: [number, string][] = [];
    const res = { redirect: (status: number, url: string) => void redirects.push([status, url]) } as unknown as Response;
    return { res, redirects };
  }

  it('shows invalid values again without saving', async () => {
    const { res, redirects } = fakeResponse();
    const shown: unknown[] = [];
    let saved = false;
    await submitForm(res, {
      validated: { ok: false, errors: { name: 'Name fehlt' } },
      save: () => {
        saved = true;
        return Promise.resolve('/weiter');
      },
      invalid: (errors) => void shown.push(errors),
    });
    expect({ shown, saved, redirects }).toEqual({ shown: [{ name: 'Name fehlt' }], saved: false, redirects: [] });
  });

  it('saves a valid value and redirects with 303; a FormRejected from the service is shown at the field', async () => {
    const ok = fakeResponse();
    await submitForm(ok.res, { validated: { ok: true, value: 'Anna' }, save: (v) => Promise.resolve(`/personen/${v}`), invalid: () => undefined });
    expect(ok.redirects).toEqual([[303, '/personen/Anna']]);

    const rejected = fakeResponse();
    const shown: unknown[] = [];
    await submitForm(rejected.res, {
      validated: { ok: true, value: 'Anna' },
      save: () => Promise.reject(new FormRejected({ email: 'Schon vergeben.' })),
      invalid: (errors) => void shown.push(errors),
    });
    expect({ shown, redirects: rejected.redirects }).toEqual({ shown: [{ email: 'Schon vergeben.' }], redirects: [] });
  });

  it('passes other errors through', async () => {
    const { res } = fakeResponse();
    await expect(submitForm(res, { validated: { ok: true, value: 1 }, save: () => Promise.reject(new Error('kaputt')), invalid: () => undefined })).rejects.toThrow('kaputt');
  });
});
