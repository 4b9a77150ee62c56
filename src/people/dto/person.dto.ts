import { IsIn, IsNotEmpty, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { normaliseEmail, normalisePhoneNumber, optionalText, parseGermanDate } from '../../common/forms/field-formats.js';
import { IsEmailAddress, IsGermanDate, IsOptionalId, IsPhone, Trim } from '../../common/forms/format-validators.js';
import { CONSENT_METHODS, type ConsentMethod } from '../person-consent.js';
import { EMAIL_SLOTS, PHONE_SLOTS } from '../people.forms.js';
import { parseLanguages } from '../person-languages.js';
import { PHONE_KINDS, type PhoneKind } from '../person-phone.entity.js';
import { FORMS_OF_ADDRESS, VISIBILITIES, type Visibility } from '../person.entity.js';

/** What a valid person form (or CSV row) becomes: trimmed, empty → null, phones normalised, languages as codes. */
export interface PersonInput {
  formOfAddress: string;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  functionTitle: string | null;
  organisationId: number | null;
  room: string | null;
  street: string | null;
  postalCode: string | null;
  locality: string | null;
  profile: string | null;
  phoneVisibility: Visibility;
  emailVisibility: Visibility;
  addressVisibility: Visibility;
  phones: { kind: PhoneKind; number: string }[];
  emails: string[];
  languages: string[];
  /** Topic ids ("Themen und Angebote"); undefined: leave the person's topics as they are (e.g. CSV import). */
  topicIds?: number[];
}

const NOT_PHONE = 'Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein, z. B. 0385 545-1263.';
const NOT_EMAIL = 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.';
const VISIBILITY_MESSAGE = 'Bitte wählen Sie, für wen diese Angaben sichtbar sind.';

/** Every typed language must be known (German name or ISO code); the message names the first unknown one. */
function KnownLanguages(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'knownLanguages',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && parseLanguages(v).unknown.length === 0,
        defaultMessage: (args) => {
          const unknown = typeof args?.value === 'string' ? parseLanguages(args.value).unknown[0] : '';
          return `Die Sprache „${unknown ?? ''}“ kennt das Verzeichnis nicht. Bitte deutsche Namen wie „Arabisch“ oder Kürzel wie „ar“ verwenden, durch Komma getrennt.`;
        },
      },
    },
    {},
  );
}

export class PersonDto {
  @IsIn(FORMS_OF_ADDRESS, { message: 'Bitte wählen Sie eine Anrede aus der Liste.' })
  formOfAddress: string;

  @MaxLength(50, { message: 'Der Titel darf höchstens 50 Zeichen lang sein.' })
  academicTitle: string;

  @MaxLength(100, { message: 'Der Vorname darf höchstens 100 Zeichen lang sein.' })
  givenName: string;

  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie den Nachnamen ein.' })
  @MaxLength(100, { message: 'Der Nachname darf höchstens 100 Zeichen lang sein.' })
  familyName: string;

  @MaxLength(200, { message: 'Die Funktion darf höchstens 200 Zeichen lang sein.' })
  functionTitle: string;

  @IsOptionalId({ message: 'Bitte wählen Sie eine Organisation aus der Liste.' })
  organisationId: string;

  @MaxLength(100, { message: 'Der Raum darf höchstens 100 Zeichen lang sein.' })
  room: string;

  @MaxLength(200, { message: 'Die Straße darf höchstens 200 Zeichen lang sein.' })
  street: string;

  @MaxLength(10, { message: 'Die Postleitzahl darf höchstens 10 Zeichen lang sein.' })
  postalCode: string;

  @MaxLength(100, { message: 'Der Ort darf höchstens 100 Zeichen lang sein.' })
  locality: string;

  @IsIn(['', ...PHONE_KINDS], { message: 'Bitte wählen Sie die Art der Nummer.' })
  phoneKind1: string;

  @IsPhone({ message: NOT_PHONE })
  phone1: string;

  @IsIn(['', ...PHONE_KINDS], { message: 'Bitte wählen Sie die Art der Nummer.' })
  phoneKind2: string;

  @IsPhone({ message: NOT_PHONE })
  phone2: string;

  @IsIn(['', ...PHONE_KINDS], { message: 'Bitte wählen Sie die Art der Nummer.' })
  phoneKind3: string;

  @IsPhone({ message: NOT_PHONE })
  phone3: string;

  @IsIn(['', ...PHONE_KINDS], { message: 'Bitte wählen Sie die Art der Nummer.' })
  phoneKind4: string;

  @IsPhone({ message: NOT_PHONE })
  phone4: string;

  @IsIn(['', ...PHONE_KINDS], { message: 'Bitte wählen Sie die Art der Nummer.' })
  phoneKind5: string;

  @IsPhone({ message: NOT_PHONE })
  phone5: string;

  @MaxLength(200, { message: 'Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein.' })
  @IsEmailAddress({ message: NOT_EMAIL })
  email1: string;

  @MaxLength(200, { message: 'Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein.' })
  @IsEmailAddress({ message: NOT_EMAIL })
  email2: string;

  @MaxLength(200, { message: 'Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein.' })
  @IsEmailAddress({ message: NOT_EMAIL })
  email3: string;

  @MaxLength(500, { message: 'Die Sprachenliste darf höchstens 500 Zeichen lang sein.' })
  @KnownLanguages()
  languages: string;

  @MaxLength(20000, { message: 'Das Profil darf höchstens 20.000 Zeichen lang sein.' })
  profile: string;

  @IsIn([...VISIBILITIES], { message: VISIBILITY_MESSAGE })
  phoneVisibility: string;

  @IsIn([...VISIBILITIES], { message: VISIBILITY_MESSAGE })
  emailVisibility: string;

  @IsIn([...VISIBILITIES], { message: VISIBILITY_MESSAGE })
  addressVisibility: string;
}

/** A validated form as input for the service. */
export function personInput(dto: PersonDto): PersonInput {
  const fields = dto as unknown as Record<string, string>;
  const phones: PersonInput['phones'] = [];
  for (let n = 1; n <= PHONE_SLOTS; n++) {
    const raw = optionalText(fields[`phone${n}`] ?? '');
    const number = raw === null ? null : normalisePhoneNumber(raw);
    if (number !== null) phones.push({ kind: ((fields[`phoneKind${n}`] ?? '') || 'work') as PhoneKind, number });
  }
  const emails: string[] = [];
  for (let n = 1; n <= EMAIL_SLOTS; n++) {
    const raw = optionalText(fields[`email${n}`] ?? '');
    if (raw !== null && !emails.includes(normaliseEmail(raw))) emails.push(normaliseEmail(raw));
  }
  return {
    formOfAddress: dto.formOfAddress,
    academicTitle: optionalText(dto.academicTitle),
    givenName: dto.givenName.trim(),
    familyName: dto.familyName.trim(),
    functionTitle: optionalText(dto.functionTitle),
    organisationId: dto.organisationId === '' ? null : Number(dto.organisationId),
    room: optionalText(dto.room),
    street: optionalText(dto.street),
    postalCode: optionalText(dto.postalCode),
    locality: optionalText(dto.locality),
    profile: optionalText(dto.profile.replace(/\r\n/g, '\n')),
    phoneVisibility: dto.phoneVisibility as Visibility,
    emailVisibility: dto.emailVisibility as Visibility,
    addressVisibility: dto.addressVisibility as Visibility,
    phones,
    emails,
    languages: parseLanguages(dto.languages).codes,
  };
}

/** "Person anlegen" with the consent in the same form: date and way only when consent is ticked. */
export class NewPersonDto extends PersonDto {
  @IsIn(['', 'on'], { message: 'Bitte setzen Sie das Häkchen oder lassen Sie es weg.' })
  consentGiven: string;

  @ValidateIf((o: NewPersonDto) => o.consentGiven === 'on')
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie das Datum der Einwilligung ein.' })
  @IsGermanDate({ message: 'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein, z. B. 01.03.2026.' })
  consentDate: string;

  @ValidateIf((o: NewPersonDto) => o.consentGiven === 'on')
  @IsIn([...CONSENT_METHODS], { message: 'Bitte wählen Sie, wie die Person eingewilligt hat.' })
  consentMethod: string;

  @IsIn(['', 'on'], { message: 'Bitte setzen Sie das Häkchen oder lassen Sie es weg.' })
  createAnyway: string;
}

/** The consent of a new person's form, or null when not ticked. */
export function newPersonConsent(dto: NewPersonDto): NewPersonConsent | null {
  if (dto.consentGiven !== 'on') return null;
  return { date: parseGermanDate(dto.consentDate) ?? '', method: dto.consentMethod as ConsentMethod };
}

export interface NewPersonConsent {
  /** ISO date (Berlin calendar day). */
  date: string;
  method: ConsentMethod;
}
