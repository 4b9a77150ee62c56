import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsOptionalId } from '../../common/forms/format-validators.js';

export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const URL_MESSAGE = 'Bitte die vollständige Internetadresse eingeben, beginnend mit https://.';
export const CHECKBOX_MESSAGE = 'Bitte setzen oder entfernen Sie das Häkchen.';

/** Beginning and end as typed (HH:MM, Berlin time); read by the service. */
export class MeetingTimesDto {
  @IsNotEmpty({ message: 'Bitte die Uhrzeit des Beginns angeben.' })
  @Transform(trim)
  startTime: string;

  @IsNotEmpty({ message: 'Bitte die Uhrzeit des Endes angeben.' })
  @Transform(trim)
  endTime: string;
}

/** What a single meeting and a series share besides title and dates: body, times, place, visibility. */
export class MeetingBaseDto extends MeetingTimesDto {
  @Matches(/^[1-9]\d{0,14}$/, { message: 'Bitte ein Gremium wählen.' })
  bodyId: string;

  @IsOptionalId({ message: 'Bitte einen Ort aus der Liste wählen.' })
  locationId: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: URL_MESSAGE })
  @MaxLength(500, { message: 'Der Link darf höchstens 500 Zeichen lang sein.' })
  @ValidateIf((o: MeetingBaseDto) => o.onlineLink !== '')
  @Transform(trim)
  onlineLink: string;

  @IsIn(['', 'on'], { message: CHECKBOX_MESSAGE })
  isPublic: string;
}

/** The fields of a meeting as typed; dates and times are read by the service (Berlin ↔ UTC rules). */
export class MeetingDto extends MeetingBaseDto {
  @MaxLength(200, { message: 'Der Titel darf höchstens 200 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte einen Titel eingeben.' })
  @Transform(trim)
  title: string;

  @IsNotEmpty({ message: 'Bitte ein Datum angeben.' })
  @Transform(trim)
  date: string;

  @MaxLength(5000, { message: 'Die Hinweise dürfen höchstens 5.000 Zeichen lang sein.' })
  @Transform(trim)
  description: string;
}

export class PostponeDto extends MeetingTimesDto {
  @IsNotEmpty({ message: 'Bitte das neue Datum angeben.' })
  @Transform(trim)
  date: string;

  // empty (an older form, or not chosen) means 'auto'
  @IsIn(['', 'auto', 'keep', 'reset'], { message: 'Bitte wählen, ob die bisherigen Antworten gelten oder zurückgesetzt werden.' })
  answers: string;
}

export class CancelDto {
  @MaxLength(1000, { message: 'Der Grund darf höchstens 1.000 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte einen Grund für die Absage angeben.' })
  @Transform(trim)
  reason: string;
}
