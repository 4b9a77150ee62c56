import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { CHECKBOX_MESSAGE, trim } from './meeting.dto.js';

export class AgendaItemDto {
  @MaxLength(300, { message: 'Das Thema darf höchstens 300 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte das Thema des Tagesordnungspunkts eingeben.' })
  @Transform(trim)
  title: string;

  @IsIn(['0', '1'], { message: 'Bitte Hauptpunkt oder Unterpunkt wählen.' })
  level: string;

  @MaxLength(200, { message: 'Bitte höchstens 200 Zeichen eingeben.' })
  @Transform(trim)
  presenter: string;

  @Matches(/^(|[1-9]\d{0,2})$/, { message: 'Bitte eine ganze Zahl von 1 bis 999 eingeben (oder das Feld leer lassen).' })
  @Transform(trim)
  plannedMinutes: string;

  @IsIn(['', 'on'], { message: CHECKBOX_MESSAGE })
  isPublic: string;

  @MaxLength(5000, { message: 'Die Erläuterung darf höchstens 5.000 Zeichen lang sein.' })
  @Transform(trim)
  description: string;

  @IsIn(['', 'on'], { message: CHECKBOX_MESSAGE })
  notify: string;
}
