import { Transform } from 'class-transformer';
import { IsNotEmpty, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { trim, URL_MESSAGE } from './meeting.dto.js';

export class LocationDto {
  @MaxLength(200, { message: 'Die Bezeichnung darf höchstens 200 Zeichen lang sein.' })
  @IsNotEmpty({ message: 'Bitte eine Bezeichnung eingeben.' })
  @Transform(trim)
  name: string;

  @MaxLength(100, { message: 'Bitte höchstens 100 Zeichen eingeben.' })
  @Transform(trim)
  room: string;

  @MaxLength(200, { message: 'Bitte höchstens 200 Zeichen eingeben.' })
  @Transform(trim)
  street: string;

  @Matches(/^(|\d{5})$/, { message: 'Bitte eine fünfstellige Postleitzahl eingeben.' })
  @Transform(trim)
  postalCode: string;

  @MaxLength(100, { message: 'Bitte höchstens 100 Zeichen eingeben.' })
  @Transform(trim)
  locality: string;

  @MaxLength(2000, { message: 'Bitte höchstens 2.000 Zeichen eingeben.' })
  @Transform(trim)
  accessibilityNotes: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: URL_MESSAGE })
  @MaxLength(500, { message: 'Der Link darf höchstens 500 Zeichen lang sein.' })
  @ValidateIf((o: LocationDto) => o.onlineLink !== '')
  @Transform(trim)
  onlineLink: string;
}
