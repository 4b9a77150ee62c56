import { IsNotEmpty, MaxLength } from 'class-validator';
import { SameAs } from '../../common/forms/same-as.js';

/** The rules of the new password itself (length, common, email) are checked by AccountsService. */
export class ChangePasswordDto {
  @IsNotEmpty({ message: 'Bitte geben Sie Ihr aktuelles Passwort ein.' })
  @MaxLength(1024, { message: 'Das Passwort ist zu lang.' })
  currentPassword: string;

  @IsNotEmpty({ message: 'Bitte geben Sie ein neues Passwort ein.' })
  @MaxLength(1024, { message: 'Das Passwort ist zu lang.' })
  newPassword: string;

  @IsNotEmpty({ message: 'Bitte wiederholen Sie das neue Passwort.' })
  @SameAs('newPassword', { message: 'Die Wiederholung stimmt nicht mit dem neuen Passwort überein.' })
  repeatPassword: string;
}
