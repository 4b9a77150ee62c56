import { IsIn, IsNotEmpty, Matches, MaxLength, ValidateBy } from 'class-validator';
import { optionalText, parseGermanDate } from '../../common/forms/field-formats.js';
import { Trim } from '../../common/forms/format-validators.js';
import { BODY_KINDS, type BodyKind } from '../body.entity.js';

export interface BodyInput {
  name: string;
  shortName: string | null;
  code: string;
  kind: BodyKind;
  description: string | null;
  foundedOn: string | null;
  foundedYearOnly: boolean;
  isPublic: boolean;
  defaultDurationMinutes: number;
  noticePeriodDays: number;
}

/** "2003" → year only; "01.03.2016" / "2016-03-01" → that day; '' → unknown; null when unreadable. */
export function parseFounded(text: string): { foundedOn: string | null; foundedYearOnly: boolean } | null {
  const t = text.trim();
  if (t === '') return { foundedOn: null, foundedYearOnly: false };
  if (/^\d{4}$/.test(t)) return Number(t) >= 1800 && Number(t) <= 2199 ? { foundedOn: `${t}-01-01`, foundedYearOnly: true } : null;
  const iso = parseGermanDate(t);
  return iso ? { foundedOn: iso, foundedYearOnly: false } : null;
}

function IsFounded(): PropertyDecorator {
  return ValidateBy(
    { name: 'isFounded', validator: { validate: (v: unknown) => typeof v === 'string' && parseFounded(v) !== null } },
    { message: 'Bitte geben Sie ein gültiges Datum (TT.MM.JJJJ) oder nur das Jahr (JJJJ) ein.' },
  );
}

export class BodyDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie den Namen des Gremiums ein.' })
  @MaxLength(200, { message: 'Der Name darf höchstens 200 Zeichen lang sein.' })
  name: string;

  @MaxLength(50, { message: 'Der Kurzname darf höchstens 50 Zeichen lang sein.' })
  shortName: string;

  @Trim()
  @IsNotEmpty({ message: 'Bitte geben Sie ein Kürzel ein, z. B. BB.' })
  @Matches(/^[A-Za-z0-9]{2,10}$/, { message: 'Das Kürzel besteht aus 2 bis 10 Buchstaben oder Ziffern, ohne Leerzeichen.' })
  code: string;

  @IsIn([...BODY_KINDS], { message: 'Bitte wählen Sie die Art des Gremiums.' })
  kind: string;

  @MaxLength(10000, { message: 'Die Beschreibung darf höchstens 10.000 Zeichen lang sein.' })
  description: string;

  @IsFounded()
  foundedOn: string;

  @IsIn(['', 'on'], { message: 'Bitte setzen oder entfernen Sie das Häkchen.' })
  isPublic: string;

  @Trim()
  @Matches(/^\d{1,3}$/, { message: 'Bitte geben Sie die Dauer als ganze Zahl von Minuten ein, z. B. 120.' })
  @ValidateBy({ name: 'durationRange', validator: { validate: (v: unknown) => typeof v !== 'string' || !/^\d+$/.test(v) || (Number(v) >= 15 && Number(v) <= 600) } }, { message: 'Die Dauer muss zwischen 15 und 600 Minuten liegen.' })
  defaultDurationMinutes: string;

  @Trim()
  @Matches(/^\d{1,2}$/, { message: 'Bitte geben Sie die Frist als ganze Zahl von Tagen ein (0 bis 90).' })
  @ValidateBy({ name: 'noticeRange', validator: { validate: (v: unknown) => typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) <= 90 } }, { message: 'Die Einladungsfrist darf höchstens 90 Tage betragen.' })
  noticePeriodDays: string;
}

export function bodyInput(dto: BodyDto): BodyInput {
  const founded = parseFounded(dto.foundedOn) ?? { foundedOn: null, foundedYearOnly: false };
  return {
    name: dto.name.trim(),
    shortName: optionalText(dto.shortName),
    code: dto.code.trim().toUpperCase(),
    kind: dto.kind as BodyKind,
    description: optionalText(dto.description),
    ...founded,
    isPublic: dto.isPublic === 'on',
    defaultDurationMinutes: Number(dto.defaultDurationMinutes),
    noticePeriodDays: Number(dto.noticePeriodDays),
  };
}
