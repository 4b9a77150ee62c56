import { IsNotEmpty, MaxLength } from 'class-validator';
import { SameAs } from '../../common/forms/same-as.js';

/** Setting a password through a one-time link; the password rules are checked by AccountsService. */
export class SetPasswordDto {
  @IsNotEmpty({ message: 'Bitte geben Sie ein neues Passwort ein.' })
  @MaxLength(1024, { message: 'Das Passwort ist zu lang.' })
  newPassword: string;

  @IsNotEmpty({ message: 'Bitte wiederholen Sie das neue Passwort.' })
  @SameAs('newPassword', { message: 'Die Wiederholung stimmt nicht mit dem neuen Passwort überein.' })
  repeatPassword: string;
}
