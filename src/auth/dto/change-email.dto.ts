import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';

export class ChangeEmailDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsNotEmpty({ message: 'Bitte geben Sie die neue E-Mail-Adresse ein.' })
  @MaxLength(254, { message: 'Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.' })
  @IsEmail({}, { message: 'Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.' })
  newEmail: string;

  @IsNotEmpty({ message: 'Bitte geben Sie Ihr aktuelles Passwort ein.' })
  @MaxLength(1024, { message: 'Das Passwort ist zu lang.' })
  currentPassword: string;
}
