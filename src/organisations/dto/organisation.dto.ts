import { IsIn, IsNotEmpty, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { normaliseEmail, normalisePhoneNumber, optionalText } from '../../common/forms/field-formats.js';
import { IsEmailAddress, IsOptionalId, IsPhone, Trim } from '../../common/forms/format-validators.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity.js';

/** What a valid organisation form (or CSV row) becomes: trimmed, empty → null, phones normalised. */
export interface OrganisationInput {
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  parentId: number | null;
  street: string | null;
  postalCode: string | null;
  locality: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  /** Topic ids ("Themen und Angebote"); undefined: leave the organisation's topics as they are (e.g. CSV import). */
  topicIds?: number[];
}

const NOT_PHONE = 'Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein, z. B. 0385 545-1263.';

export class OrganisationDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie den Namen der Organisation ein.' })
  @MaxLength(200, { message: 'Der Name darf höchstens 200 Zeichen lang sein.' })
  name: string;

  @MaxLength(50, { message: 'Der Kurzname darf höchstens 50 Zeichen lang sein.' })
  shortName: string;

  @IsIn([...ORGANISATION_KINDS], { message: 'Bitte wählen Sie die Art der Organisation.' })
  kind: string;

  @IsOptionalId({ message: 'Bitte wählen Sie eine Organisation aus der Liste.' })
  parentId: string;

  @MaxLength(200, { message: 'Die Straße darf höchstens 200 Zeichen lang sein.' })
  street: string;

  @MaxLength(10, { message: 'Die Postleitzahl darf höchstens 10 Zeichen lang sein.' })
  postalCode: string;

  @MaxLength(100, { message: 'Der Ort darf höchstens 100 Zeichen lang sein.' })
  locality: string;

  @IsPhone({ message: NOT_PHONE })
  phone: string;

  @IsPhone({ message: 'Bitte geben Sie eine gültige Faxnummer mit Vorwahl ein.' })
  fax: string;

  @MaxLength(200, { message: 'Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein.' })
  @IsEmailAddress({ message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. info@example.org.' })
  email: string;

  @ValidateIf((o: OrganisationDto) => o.website.trim() !== '')
  @MaxLength(300, { message: 'Die Internetadresse darf höchstens 300 Zeichen lang sein.' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'Bitte geben Sie die vollständige Internetadresse ein, beginnend mit https://.' })
  website: string;

  @MaxLength(10000, { message: 'Die Beschreibung darf höchstens 10.000 Zeichen lang sein.' })
  description: string;
}

/** A validated form as input for the service. */
export function organisationInput(dto: OrganisationDto): OrganisationInput {
  const phone = optionalText(dto.phone);
  const fax = optionalText(dto.fax);
  const email = optionalText(dto.email);
  return {
    name: dto.name.trim(),
    shortName: optionalText(dto.shortName),
    kind: dto.kind as OrganisationKind,
    parentId: dto.parentId === '' ? null : Number(dto.parentId),
    street: optionalText(dto.street),
    postalCode: optionalText(dto.postalCode),
    locality: optionalText(dto.locality),
    phone: phone === null ? null : normalisePhoneNumber(phone),
    fax: fax === null ? null : normalisePhoneNumber(fax),
    email: email === null ? null : normaliseEmail(email),
    website: optionalText(dto.website),
    description: optionalText(dto.description),
  };
}
