import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsOptionalId } from '../../common/forms/format-validators.js';
import { RHYTHMS } from '../meetings.forms.js';
import { CHECKBOX_MESSAGE, trim, URL_MESSAGE } from './meeting.dto.js';

export class SeriesDto {
  @Matches(/^[1-9]\d{0,14}$/, { message: 'Bitte ein Gremium wählen.' })
  bodyId: string;

  @MaxLength(180, { message: 'Der Titel darf höchstens 180 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte einen Titel eingeben.' })
  @Transform(trim)
  title: string;

  @IsNotEmpty({ message: 'Bitte den ersten möglichen Tag angeben.' })
  @Transform(trim)
  startDate: string;

  @IsNotEmpty({ message: 'Bitte die Uhrzeit des Beginns angeben.' })
  @Transform(trim)
  startTime: string;

  @IsNotEmpty({ message: 'Bitte die Uhrzeit des Endes angeben.' })
  @Transform(trim)
  endTime: string;

  @IsIn(RHYTHMS.map((r) => r.value), { message: 'Bitte einen Rhythmus wählen.' })
  rhythm: string;

  @IsIn(['1', '2', '3', '4', '-1'], { message: 'Bitte die Woche im Monat wählen.' })
  ordinal: string;

  @IsIn(['1', '2', '3', '4', '5', '6', '7'], { message: 'Bitte einen Wochentag wählen.' })
  weekday: string;

  @IsIn(['count', 'until'], { message: 'Bitte wählen, wann die Serie endet.' })
  endKind: string;

  @IsNotEmpty({ message: 'Bitte die Anzahl der Termine angeben (1 bis 100).' })
  @Matches(/^-?\d{1,6}$/, { message: 'Bitte die Anzahl als ganze Zahl zwischen 1 und 100 angeben.' })
  @ValidateIf((o: SeriesDto) => o.endKind === 'count')
  @Transform(trim)
  count: string;

  @IsNotEmpty({ message: 'Bitte den letzten möglichen Tag angeben.' })
  @ValidateIf((o: SeriesDto) => o.endKind === 'until')
  @Transform(trim)
  until: string;

  @IsOptionalId({ message: 'Bitte einen Ort aus der Liste wählen.' })
  locationId: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: URL_MESSAGE })
  @MaxLength(500, { message: 'Der Link darf höchstens 500 Zeichen lang sein.' })
  @ValidateIf((o: SeriesDto) => o.onlineLink !== '')
  @Transform(trim)
  onlineLink: string;

  @IsIn(['', 'on'], { message: CHECKBOX_MESSAGE })
  isPublic: string;
}
