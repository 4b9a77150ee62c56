import 'reflect-metadata';
import { IsNotEmpty } from 'class-validator';
import { formatGermanDate, normaliseEmail, normalisePhoneNumber, parseGermanDate } from './field-formats.js';
import { defineForm, validateForm } from './form.js';
import { IsEmailAddress, IsGermanDate, IsPhone, NotBeforeDate } from './format-validators.js';

describe('German dates', () => {
  it.each([
    ['01.03.2016', '2016-03-01'],
    ['1.3.2016', '2016-03-01'],
    [' 29.02.2024 ', '2024-02-29'],
    ['2016-03-01', '2016-03-01'],
    ['31.12.1999', '1999-12-31'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseGermanDate(text)).toBe(iso);
  });

  it.each(['31.02.2026', '29.02.2025', '00.01.2020', '1.13.2020', '2026-02-30', '12.03.26', '03/12/2026', 'gestern', '', '1.1.1700', '1.1.2300'])(
    'rejects %j',
    (text) => {
      expect(parseGermanDate(text)).toBeNull();
    },
  );

  it('formats ISO dates for the forms', () => {
    expect(formatGermanDate('2016-03-01')).toBe('01.03.2016');
    expect(formatGermanDate(null)).toBe('');
  });
});

describe('phone numbers', () => {
  it.each([
    ['0385 545-1263', '+49 385 5451263'],
    ['(0385) 545 1263', '+49 385 5451263'],
    ['0385/545-1263', '+49 385 5451263'],
    ['+49 (0)385 5451263', '+49 385 5451263'],
    ['0049 385 5451263', '+49 385 5451263'],
    ['+49 385 545-1263', '+49 385 5451263'],
    ['0171 1234567', '+49 171 1234567'],
    ['+7 912 345-67-89', '+7 912 345 67 89'],
    ['+380 44 123 4567', '+380 44 123 4567'],
  ])('normalises %j to %s', (text, normalised) => {
    expect(normalisePhoneNumber(text)).toBe(normalised);
  });

  it.each(['0385 5', '0000000', '0385 545-1263 Durchwahl', 'Telefon', '', '+49 385 545-1263 x', '1'.repeat(41)])('rejects %j', (text) => {
    expect(normalisePhoneNumber(text)).toBeNull();
  });
});

describe('e-mail addresses', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normaliseEmail('  Jana.Koehler@Example.ORG ')).toBe('Jana.Koehler@example.org');
  });
});

const SPEC = defineForm('probe', {
  start: { label: 'Beginn' },
  end: { label: 'Ende' },
  phone: { label: 'Telefon' },
  email: { label: 'E-Mail' },
});

class ProbeDto {
  @IsNotEmpty({ message: 'Bitte Beginn angeben.' })
  @IsGermanDate({ message: 'Bitte Datum als TT.MM.JJJJ.' })
  start: string;

  @IsGermanDate({ message: 'Bitte Datum als TT.MM.JJJJ.' })
  @NotBeforeDate('start', { message: 'Ende vor Beginn.' })
  end: string;

  @IsPhone({ message: 'Keine Telefonnummer.' })
  phone: string;

  @IsEmailAddress({ message: 'Keine E-Mail-Adresse.' })
  email: string;
}

describe('format validators', () => {
  it('accepts empty optional values and valid ones', async () => {
    const ok = await validateForm(SPEC, ProbeDto, { start: '1.3.2016', end: '', phone: '', email: '' });
    expect(ok.ok).toBe(true);
    const full = await validateForm(SPEC, ProbeDto, { start: '2016-03-01', end: '01.03.2016', phone: '0385 545-1263', email: 'a@example.org' });
    expect(full.ok).toBe(true);
  });

  it('gives the German message of each broken field', async () => {
    const result = await validateForm(SPEC, ProbeDto, { start: '31.02.2026', end: '28.02.2016', phone: '0385 5', email: 'kein-at' });
    expect(result).toEqual({
      ok: false,
      errors: { start: 'Bitte Datum als TT.MM.JJJJ.', phone: 'Keine Telefonnummer.', email: 'Keine E-Mail-Adresse.' },
    });
    const order = await validateForm(SPEC, ProbeDto, { start: '01.03.2016', end: '28.02.2016', phone: '', email: '' });
    expect(order).toEqual({ ok: false, errors: { end: 'Ende vor Beginn.' } });
  });
});
