import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, Matches, MaxLength, ValidateIf } from 'class-validator';
import { RHYTHMS } from '../meetings.forms.js';
import { MeetingBaseDto, trim } from './meeting.dto.js';

/** A series of meetings as typed; body, times, place and visibility as for a single meeting. */
export class SeriesDto extends MeetingBaseDto {
  @MaxLength(180, { message: 'Der Titel darf höchstens 180 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte einen Titel eingeben.' })
  @Transform(trim)
  title: string;

  @IsNotEmpty({ message: 'Bitte den ersten möglichen Tag angeben.' })
  @Transform(trim)
  startDate: string;

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
}
