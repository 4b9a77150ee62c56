import { IsNotEmpty, MaxLength } from 'class-validator';
import { Trim } from '../../common/forms/format-validators.js';

/** "Änderung anfragen": a member asks the coordinating office to change what only it may change. */
export class ChangeRequestDto {
  @Trim()
  @IsNotEmpty({ message: 'Bitte schreiben Sie, was geändert werden soll.' })
  @MaxLength(2000, { message: 'Bitte fassen Sie sich kürzer (höchstens 2.000 Zeichen).' })
  message: string;
}
